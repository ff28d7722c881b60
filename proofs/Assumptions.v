(** Printed into assumptions.txt by the Makefile; cli/tests/proofs.rs checks that each
    main theorem's block says "Closed under the global context". *)
From Tracelab Require Import Syntax Semantics Theorems Source.

Check eval_deterministic.
Print Assumptions eval_deterministic.
Check eval_fuel_mono.
Print Assumptions eval_fuel_mono.
Check trace_is_pruning.
Print Assumptions trace_is_pruning.
Check replay.
Print Assumptions replay.
Check pruning_sound.
Print Assumptions pruning_sound.
Check safety_prunes.
Print Assumptions safety_prunes.
Check safety.
Print Assumptions safety.
Check merge_sound.
Print Assumptions merge_sound.
Check merge_runs.
Print Assumptions merge_runs.
Check merge_idem.
Print Assumptions merge_idem.
Check merge_comm.
Print Assumptions merge_comm.
Check typed_sound.
Print Assumptions typed_sound.
Check tracing_conservative.
Print Assumptions tracing_conservative.
Check tracing_total.
Print Assumptions tracing_total.
Check plain_deterministic.
Print Assumptions plain_deterministic.
Check plain_fuel_mono.
Print Assumptions plain_fuel_mono.
Check plain_replay.
Print Assumptions plain_replay.
Check plain_safety.
Print Assumptions plain_safety.
Check plain_merge.
Print Assumptions plain_merge.
