(** Printed into assumptions.txt by the Makefile; each block must say
    "Closed under the global context". *)
From Tracelab Require Import Syntax Semantics Theorems.

Print Assumptions eval_deterministic.
Print Assumptions eval_fuel_mono.
