(** * Worked examples: the relations are not vacuous.

    [count] adds one to [acc] through a call, [x] times, then answers [0] when [acc < 2]
    and [acc] otherwise. Its run on [x = 2] records the trace [count_trace]: the call is
    inlined, the loop body is recorded once, the values assigned to [acc] and [i] are
    guarded as ints, the literals bound by the [let]s go unguarded, and the untaken branch
    of the final [if] is [unknown]. The trace replays on [x = 2], answers [Unknown] on
    [x = 0] (where the source answers [0]) and answers [3] on [x = 3], as the source does.

    [echo] binds [x] to [y] and answers [y]. Traced on an int, its trace guards [y] as an
    int, so on a boolean input the guard fails and the trace answers [Unknown]. Merging that
    trace with the trace of a run on a boolean drops the guard. *)

From Coq Require Import String List ZArith.
Import ListNotations.
From Tracelab Require Import Syntax Semantics Theorems.
Open Scope string_scope.

Definition inc_body : expr := EPrim PAdd [AVar "n"; ALit (VInt 1)].

Definition fns (g : string) : option (list string * expr) :=
  if string_dec g "inc" then Some (["n"], inc_body) else None.

Definition cond : expr := EPrim PLt [AVar "i"; AVar "x"].
(** [w] is what tracing puts around an assigned value: nothing in the program, an int
    guard in the trace. *)
Definition step (w : expr -> expr) (call : expr) : expr :=
  ESeq (ESet "acc" (w call)) (ESet "i" (w (EPrim PAdd [AVar "i"; ALit (VInt 1)]))).
Definition answer (small : expr) : expr :=
  EIf (EPrim PLt [AVar "acc"; ALit (VInt 2)]) small (EVar "acc").
Definition shell (loop_body small : expr) : expr :=
  ELet "i" (ELit (VInt 0)) (ELet "acc" (ELit (VInt 0))
    (ESeq (EWhile cond loop_body) (answer small))).

Definition count : expr :=
  shell (step (fun e => e) (ECall "inc" [AVar "acc"])) (ELit (VInt 0)).
Definition count_trace : expr :=
  shell (step (ETyped TInt) (EInline ["n"] [AVar "acc"] inc_body)) EUnknown.

Definition input (x : Z) : store := [("x", VInt x)].

(** Build a derivation rule by rule ([E_Unknown] first: it applies only to [unknown]). *)
Ltac run :=
  repeat match goal with
  | |- eval _ ?f _ (XF ?k OutOfFuel) _ _ _ _ => eapply E_Limit_Fuel; apply (lim_frame _ f k)
  | |- eval _ _ _ (XE (ETyped _ _)) _ _ _ _ => eapply E_Typed
  | |- eval _ _ _ (XF (FTyped _) (Val _)) _ _ _ _ =>
      first [ eapply E_Typed_Pass; reflexivity | eapply E_Typed_Fail; discriminate ]
  | |- eval _ _ _ ?x _ _ _ _ =>
      first [ eapply (E_Unknown _ _ _ x); solve [constructor]
            | eapply E_Limit_Fuel; solve [econstructor; reflexivity]
            | econstructor ]
  | |- _ => econstructor
  end.

Example count_is_source : src_fns fns /\ src count.
Proof.
  split; [| simpl; tauto].
  intros g ps b H. unfold fns in H. destruct (string_dec g "inc"); inversion H; simpl; auto.
Qed.

(** Tracing the run on [x = 2] records [count_trace]. *)
Example trace_of_run : exists f' s' t,
  eval fns 10 (input 2) (XE count) f' s' (Val (VInt 2)) (TE t) /\ t = count_trace.
Proof. do 3 eexists. split; [run | reflexivity]. Qed.

(** Replay: the trace answers the same on [x = 2]. *)
Example trace_replays : exists f' s' o r,
  eval fns 10 (input 2) (XE count_trace) f' s' o r /\ o = (Val (VInt 2)).
Proof. do 4 eexists. split; [run | reflexivity]. Qed.

(** On [x = 0] the source answers [0], the trace does not know. *)
Example source_on_0 : exists f' s' o r,
  eval fns 10 (input 0) (XE count) f' s' o r /\ o = (Val (VInt 0)).
Proof. do 4 eexists. split; [run | reflexivity]. Qed.

Example trace_on_0 : exists f' s' o r,
  eval fns 10 (input 0) (XE count_trace) f' s' o r /\ o = Unknown.
Proof. do 4 eexists. split; [run | reflexivity]. Qed.

(** On [x = 3], a path the loop took more often than in the traced run, the trace knows. *)
Example trace_on_3 : exists f' s' o r,
  eval fns 10 (input 3) (XE count_trace) f' s' o r /\ o = (Val (VInt 3)).
Proof. do 4 eexists. split; [run | reflexivity]. Qed.

(** With too little fuel, the source and the trace both run out. *)
Example trace_out_of_fuel : exists f' s' o r,
  eval fns 3 (input 2) (XE count_trace) f' s' o r /\ o = OutOfFuel.
Proof. do 4 eexists. split; [run | reflexivity]. Qed.

(** ** A type guard that fails *)

Definition echo : expr := ELet "y" (EVar "x") (EVar "y").
Definition echo_trace (τ : ty) : expr := ELet "y" (ETyped τ (EVar "x")) (EVar "y").

Definition input_bool (b : bool) : store := [("x", VBool b)].

(** Tracing the run on [x = 5] guards [y] as an int. *)
Example echo_traced : exists f' s' t,
  eval fns 0 (input 5) (XE echo) f' s' (Val (VInt 5)) (TE t) /\ t = echo_trace TInt.
Proof. do 3 eexists. split; [run | reflexivity]. Qed.

(** On [x = true] the source answers [true]; the trace's guard fails: [Unknown]. *)
Example echo_on_bool : exists f' s' o r,
  eval fns 0 (input_bool true) (XE echo) f' s' o r /\ o = Val (VBool true).
Proof. do 4 eexists. split; [run | reflexivity]. Qed.

Example echo_trace_on_bool : exists f' s' o r,
  eval fns 0 (input_bool true) (XE (echo_trace TInt)) f' s' o r /\ o = Unknown.
Proof. do 4 eexists. split; [run | reflexivity]. Qed.

(** A run on a boolean guards [y] as a boolean; merged with the int trace, the guard
    goes, and the merge answers both inputs. *)
Example echo_merge : merge (echo_trace TInt) (echo_trace TBool) = Some echo.
Proof. reflexivity. Qed.
