(** * The plain source evaluation, and why tracing changes nothing.

    [Plain.eval] is the machine of [Semantics.v] without the recorded trace: the same
    rules (same names, same premises) minus the trace outputs and the merges of loop
    traces. [tracing_total] and [tracing_conservative] show that the tracing machine
    [Semantics.eval] has a run exactly when [Plain.eval] does, with the same outcome:
    recording a trace never blocks a run (merging loop traces never fails) and never
    changes one. The main theorems are restated over [Plain.eval] at the end. *)

From Coq Require Import String List ZArith Bool.
Import ListNotations.
From Tracelab Require Import Syntax Semantics Theorems.

Module Plain.
Section Plain.

Variable fns : string -> option (list string * expr).

Inductive eval : nat -> store -> ext -> nat -> store -> outcome -> Prop :=
| E_Lit f s v :
    eval f s (XE (ELit v)) f s (Val v)
| E_Var f s x v :
    lookup s x = Some v ->
    eval f s (XE (EVar x)) f s (Val v)
| E_Let f s x e1 e2 f1 s1 o1 f2 s2 o :
    eval f s (XE e1) f1 s1 o1 ->
    eval f1 s1 (XF (FLet x e2) o1) f2 s2 o ->
    eval f s (XE (ELet x e1 e2)) f2 s2 o
| E_Let_Bind f s x e2 v f1 s1 o1 f2 s2 o :
    eval f ((x, v) :: s) (XE e2) f1 s1 o1 ->
    eval f1 s1 (XF FPop o1) f2 s2 o ->
    eval f s (XF (FLet x e2) (Val v)) f2 s2 o
| E_Seq_Last f s v :
    eval f s (XF FPop (Val v)) f (tl s) (Val v)
| E_Set_Var f s x e f1 s1 o1 f2 s2 o :
    eval f s (XE e) f1 s1 o1 ->
    eval f1 s1 (XF (FSet x) o1) f2 s2 o ->
    eval f s (XE (ESet x e)) f2 s2 o
| E_Set_Var_Write f s x v s' :
    update s x v = Some s' ->
    eval f s (XF (FSet x) (Val v)) f s' (Val v)
| E_Block f s e1 e2 f1 s1 o1 f2 s2 o :
    eval f s (XE e1) f1 s1 o1 ->
    eval f1 s1 (XF (FSeq e2) o1) f2 s2 o ->
    eval f s (XE (ESeq e1 e2)) f2 s2 o
| E_Seq_Next f s e2 v f1 s1 o :
    eval f s (XE e2) f1 s1 o ->
    eval f s (XF (FSeq e2) (Val v)) f1 s1 o
| E_If f s c e1 e2 f1 s1 o1 f2 s2 o :
    eval f s (XE c) f1 s1 o1 ->
    eval f1 s1 (XF (FIf e1 e2) o1) f2 s2 o ->
    eval f s (XE (EIf c e1 e2)) f2 s2 o
| E_If_True f s e1 e2 f1 s1 o :
    eval f s (XE e1) f1 s1 o ->
    eval f s (XF (FIf e1 e2) (Val (VBool true))) f1 s1 o
| E_If_False f s e1 e2 f1 s1 o :
    eval f s (XE e2) f1 s1 o ->
    eval f s (XF (FIf e1 e2) (Val (VBool false))) f1 s1 o
| E_If_Not_Bool f s e1 e2 v :
    is_bool v = false ->
    eval f s (XF (FIf e1 e2) (Val v)) f s Err
| E_While f s c b f1 s1 o1 f2 s2 o :
    eval f s (XE c) f1 s1 o1 ->
    eval f1 s1 (XF (FWhile c b) o1) f2 s2 o ->
    eval f s (XE (EWhile c b)) f2 s2 o
| E_While_True f s c b f1 s1 o1 f2 s2 o :
    eval f s (XE b) f1 s1 o1 ->
    eval f1 s1 (XF (FWhileBody c b) o1) f2 s2 o ->
    eval (S f) s (XF (FWhile c b) (Val (VBool true))) f2 s2 o
| E_While_False f s c b :
    eval f s (XF (FWhile c b) (Val (VBool false))) f s (Val VUndef)
| E_While_Not_Bool f s c b v :
    is_bool v = false ->
    eval f s (XF (FWhile c b) (Val v)) f s Err
| E_While_Again f s c b v f1 s1 o :
    eval f s (XE (EWhile c b)) f1 s1 o ->
    eval f s (XF (FWhileBody c b) (Val v)) f1 s1 o
| E_Label f s l b f1 s1 o1 f2 s2 o :
    eval f s (XE b) f1 s1 o1 ->
    eval f1 s1 (XF (FLabel l) o1) f2 s2 o ->
    eval f s (XE (ELabel l b)) f2 s2 o
| E_Label_Value f s l v :
    eval f s (XF (FLabel l) (Val v)) f s (Val v)
| E_Break_Label f s l v :
    eval f s (XF (FLabel l) (Brk l v)) f s (Val v)
| E_Break_Value f s l a v :
    aval s a = Some v ->
    eval f s (XE (EBreak l a)) f s (Brk l v)
| E_Break_Pop f s k l v :
    ~ catches k l ->
    eval f s (XF k (Brk l v)) f (pop_store k s) (Brk l v)
| E_Prim_Apply f s op args vs v :
    avals s args = Some vs -> delta op vs = Some v ->
    eval f s (XE (EPrim op args)) f s (Val v)
| E_Prim_Raise f s op args vs :
    avals s args = Some vs -> delta op vs = None ->
    eval f s (XE (EPrim op args)) f s Err
| E_Call_Enter f s e ps b args vs f1 s1 o1 f2 s2 o :
    call_target fns e = Some (ps, b, args) ->
    avals s args = Some vs ->
    length ps = length vs ->
    eval f (combine ps vs) (XE b) f1 s1 o1 ->
    eval f1 s1 (XF (FCall s) o1) f2 s2 o ->
    eval (S f) s (XE e) f2 s2 o
| E_Call_Return f s caller o1 v :
    ret_val o1 = Some v ->
    eval f s (XF (FCall caller) o1) f caller (Val v)
| E_Typed f s τ e f1 s1 o1 f2 s2 o :
    eval f s (XE e) f1 s1 o1 ->
    eval f1 s1 (XF (FTyped τ) o1) f2 s2 o ->
    eval f s (XE (ETyped τ e)) f2 s2 o
| E_Typed_Pass f s τ v :
    ty_of v = Some τ ->
    eval f s (XF (FTyped τ) (Val v)) f s (Val v)
| E_Typed_Fail f s τ v :
    ty_of v <> Some τ ->
    eval f s (XF (FTyped τ) (Val v)) f s Unknown
| E_Raise_Pop f s k :
    eval f s (XF k Err) f s Err
| E_Unknown f s x :
    is_unknown x ->
    eval f s x f s Unknown
| E_Limit_Fuel f s x r :
    limit fns f x r ->
    eval f s x f s OutOfFuel.

End Plain.
End Plain.

Section Equivalence.

Variable fns : string -> option (list string * expr).

Theorem tracing_conservative : forall f s x f' s' o r,
  eval fns f s x f' s' o r -> Plain.eval fns f s x f' s' o.
Proof. induction 1; econstructor; eauto. Qed.

Lemma out_shape_E : forall f s e f' s' o r,
  eval fns f s (XE e) f' s' o r -> exists t, r = TE t.
Proof.
  intros. pose proof (trace_prunes _ _ _ _ _ _ _ _ H) as P. destruct r; simpl in P;
    [eauto | contradiction].
Qed.

(** The trace of a frame is a pruning of the frame without its guards. *)
Lemma out_shape_F : forall f s k o1 f' s' o r,
  eval fns f s (XF k o1) f' s' o r ->
  exists k', r = TF k' /\ prunes_frame (erase_fns fns) (erase_frame k) k'.
Proof.
  intros. pose proof (trace_prunes _ _ _ _ _ _ _ _ H) as P. destruct r; simpl in P;
    [contradiction | eauto].
Qed.

Lemma out_shape_while : forall f s c b f' s' o t,
  eval fns f s (XE (EWhile c b)) f' s' o (TE t) -> exists tc tb, t = EWhile tc tb.
Proof.
  intros. inversion H; subst; eauto;
    match goal with
    | H : is_unknown _ |- _ => inversion H
    | H : limit _ _ _ _ |- _ => inversion H; subst; discriminate
    | H : call_target _ _ = Some _ |- _ => discriminate H
    end.
Qed.

Ltac shape :=
  repeat match goal with
  | H : eval _ _ _ (XE (EWhile _ _)) _ _ _ (TE ?t) |- _ =>
      is_var t; let a := fresh "tc" in let b := fresh "tb" in
      destruct (out_shape_while _ _ _ _ _ _ _ _ H) as (a & b & ?); subst t
  | H : eval _ _ _ (XE _) _ _ _ ?r |- _ =>
      is_var r; let t := fresh "t" in
      destruct (out_shape_E _ _ _ _ _ _ _ H) as [t ?]; subst r
  | H : eval _ _ _ (XF _ _) _ _ _ ?r |- _ =>
      is_var r; let k := fresh "k" in let P := fresh "P" in
      destruct (out_shape_F _ _ _ _ _ _ _ _ H) as (k & ? & P); subst r; simpl in P;
      inversion P; subst
  end.

(** Every run of the plain machine is also a tracing run: recording never blocks. *)
Theorem tracing_total_x : forall f s x f' s' o,
  Plain.eval fns f s x f' s' o -> exists r, eval fns f s x f' s' o r.
Proof.
  induction 1;
    repeat match goal with IH : exists r, eval _ _ _ _ _ _ _ r |- _ => destruct IH end;
    shape;
    try solve [eexists; econstructor; eauto].
  all: match goal with
       | Hc : eval _ _ _ (XE ?c) _ _ _ (TE _) |- _ =>
           pose proof (trace_prunes _ _ _ _ _ _ _ _ Hc) as P1; simpl in P1
       end;
    match goal with
    | Ha : prunes _ (erase ?c) ?a, Hb : prunes _ (erase ?c) ?b |- _ =>
        tryif constr_eq a b then fail else
        destruct (merge_prunes _ (unguarded_fns_erase fns) _ _ Ha (unguarded_erase c) _ Hb)
          as (tm & Hm & _);
        eexists; econstructor; eauto; rewrite merge_comm; eassumption
    end.
Qed.

Theorem tracing_total : forall f s e f' s' o,
  Plain.eval fns f s (XE e) f' s' o -> exists t, eval fns f s (XE e) f' s' o (TE t).
Proof.
  intros. destruct (tracing_total_x _ _ _ _ _ _ H) as [r Hr].
  destruct (out_shape_E _ _ _ _ _ _ _ Hr) as [t ?]; subst; eauto.
Qed.

(** ** The main theorems over the plain source and trace evaluation *)

Theorem plain_deterministic : forall f s x f1 s1 o1 f2 s2 o2,
  Plain.eval fns f s x f1 s1 o1 -> Plain.eval fns f s x f2 s2 o2 ->
  f1 = f2 /\ s1 = s2 /\ o1 = o2.
Proof.
  intros. destruct (tracing_total_x _ _ _ _ _ _ H) as [r1 H1].
  destruct (tracing_total_x _ _ _ _ _ _ H0) as [r2 H2].
  destruct (eval_deterministic _ _ _ _ _ _ _ _ H1 _ _ _ _ H2) as (? & ? & ? & _); auto.
Qed.

Theorem plain_fuel_mono : forall f s x f' s' o,
  Plain.eval fns f s x f' s' o -> o <> OutOfFuel ->
  forall n, Plain.eval fns (f + n) s x (f' + n) s' o.
Proof.
  intros. destruct (tracing_total_x _ _ _ _ _ _ H) as [r Hr].
  eapply tracing_conservative. apply eval_fuel_mono; eauto.
Qed.

(** Replay: run [e] on [s] (it answers [o]); the trace [t] of that run, evaluated on [s],
    answers [o]. *)
Theorem plain_replay : forall e f s f' s' o t,
  src_fns fns -> src e ->
  eval fns f s (XE e) f' s' o (TE t) ->
  Plain.eval fns f s (XE t) f' s' o.
Proof. intros. eapply tracing_conservative. apply (replay _ e); eauto. Qed.

(** Safety: [t] traced from any run of [e]; on any input [s], [t] answers [e]'s outcome
    or [Unknown]. *)
Theorem plain_safety : forall e t f0 s0 f0' s0' o0,
  unguarded_fns fns -> unguarded e ->
  eval fns f0 s0 (XE e) f0' s0' o0 (TE t) ->
  forall f s f1 s1 o f2 s2 o',
  Plain.eval fns f s (XE e) f1 s1 o ->
  Plain.eval fns f s (XE t) f2 s2 o' ->
  o' = Unknown \/ (o' = o /\ s2 = s1 /\ f2 = f1).
Proof.
  intros. destruct (tracing_total_x _ _ _ _ _ _ H2) as [r1 H1'].
  destruct (tracing_total_x _ _ _ _ _ _ H3) as [r2 H2'].
  eapply safety; eauto.
Qed.

(** Merge: two traces of runs of [e] merge into a safe trace that answers every input
    either one answers. *)
Theorem plain_merge : forall e fa sa fa' sa' oa ta fb sb fb' sb' ob tb,
  unguarded_fns fns -> unguarded e ->
  eval fns fa sa (XE e) fa' sa' oa (TE ta) ->
  eval fns fb sb (XE e) fb' sb' ob (TE tb) ->
  exists t, merge ta tb = Some t /\ prunes fns e t /\
  (forall f s f1 s1 o f2 s2 o',
      Plain.eval fns f s (XE e) f1 s1 o -> Plain.eval fns f s (XE t) f2 s2 o' ->
      o' = Unknown \/ (o' = o /\ s2 = s1 /\ f2 = f1)) /\
  (forall f s f' s' o,
      (Plain.eval fns f s (XE ta) f' s' o \/ Plain.eval fns f s (XE tb) f' s' o) ->
      o <> Unknown -> Plain.eval fns f s (XE t) f' s' o).
Proof.
  intros. destruct (merge_runs _ _ _ _ _ _ _ _ _ _ _ _ _ _ H H0 H1 H2)
    as (t & Hm & Hp & Hs & Hc).
  exists t. repeat split; auto.
  - intros f s f1 s1 o f2 s2 o' Ha Hb.
    destruct (tracing_total_x _ _ _ _ _ _ Ha) as [r1 Ha'].
    destruct (tracing_total_x _ _ _ _ _ _ Hb) as [r2 Hb'].
    eapply Hs; eauto.
  - intros f s f' s' o [Ha | Ha] Hu;
      destruct (tracing_total_x _ _ _ _ _ _ Ha) as [r Ha'];
      eapply tracing_conservative; eapply Hc; eauto.
Qed.

End Equivalence.
