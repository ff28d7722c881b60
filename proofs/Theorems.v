(** * Theorems: determinism, fuel monotonicity, replay, safety and merge. *)

From Coq Require Import String List ZArith Bool Lia.
Import ListNotations.
From Tracelab Require Import Syntax Semantics.

Section Theorems.

Variable fns : string -> option (list string * expr).

(** ** Small facts *)

Lemma eval_unknown_frame : forall f s k f' s' o r,
  eval fns f s (XF k Unknown) f' s' o r -> o = Unknown.
Proof.
  intros. inversion H; subst; auto;
    match goal with
    | H : limit _ _ _ _ |- _ => inversion H
    | H : ret_val _ = Some _ |- _ => discriminate H
    end.
Qed.

Lemma eval_fuel_frame : forall f s k f' s' o r,
  eval fns f s (XF k OutOfFuel) f' s' o r -> o = OutOfFuel.
Proof.
  intros. inversion H; subst; auto;
    match goal with
    | H : is_unknown _ |- _ => inversion H
    | H : ret_val _ = Some _ |- _ => discriminate H
    end.
Qed.

Lemma frame_not_unknown : forall f s k o1 f' s' o r,
  eval fns f s (XF k o1) f' s' o r -> o <> Unknown -> o1 <> Unknown.
Proof. intros; intro; subst; eapply eval_unknown_frame in H; auto. Qed.

Lemma frame_not_fuel : forall f s k o1 f' s' o r,
  eval fns f s (XF k o1) f' s' o r -> o <> OutOfFuel -> o1 <> OutOfFuel.
Proof. intros; intro; subst; eapply eval_fuel_frame in H; auto. Qed.

Ltac inv H := inversion H; subst; clear H.

Ltac det_tac :=
  repeat match goal with
  | H : is_unknown _ |- _ => inv H
  | H : limit _ _ _ _ |- _ => inv H
  | H1 : ?a = Some _, H2 : ?a = Some _ |- _ => rewrite H1 in H2; inv H2
  | H1 : ?a = Some _, H2 : ?a = None |- _ => rewrite H1 in H2; discriminate H2
  | IH : forall f2 s2 o2 r2, eval _ ?f ?s ?x f2 s2 o2 r2 -> _,
    H : eval _ ?f ?s ?x _ _ _ _ |- _ =>
      let E1 := fresh in let E2 := fresh in let E3 := fresh in let E4 := fresh in
      destruct (IH _ _ _ _ H) as (E1 & E2 & E3 & E4); clear IH H; subst;
      try (inv E4)
  end.

(** ** Determinism (source and trace evaluation are the same relation) *)

Theorem eval_deterministic : forall f s x f1 s1 o1 r1,
  eval fns f s x f1 s1 o1 r1 ->
  forall f2 s2 o2 r2, eval fns f s x f2 s2 o2 r2 ->
  f1 = f2 /\ s1 = s2 /\ o1 = o2 /\ r1 = r2.
Proof.
  induction 1; intros f2' s2' o2' r2' Hd; inv Hd; det_tac; auto;
    try discriminate;
    try (simpl in *; congruence);
    try (exfalso; match goal with H : ~ catches _ _ |- _ => apply H; simpl; auto end);
    match goal with
    | H : ret_val (Brk ?l _) = Some _ |- _ =>
        unfold ret_val in H; destruct (string_dec l ret); [auto | discriminate]
    end.
Qed.

(** ** Fuel monotonicity: more fuel never changes a finished outcome. *)

Theorem eval_fuel_mono : forall f s x f' s' o r,
  eval fns f s x f' s' o r -> o <> OutOfFuel ->
  forall n, eval fns (f + n) s x (f' + n) s' o r.
Proof.
  induction 1; intros Hno n;
    try solve [econstructor; eauto using frame_not_fuel].
  congruence.
Qed.

End Theorems.
