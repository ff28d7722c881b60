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


(** ** Prunings *)

Lemma prunes_self : forall e t, prunes fns e t -> prunes fns t t.
Proof. induction 1; constructor; auto. Qed.

Lemma unk_frame_prunes : forall k, prunes_frame fns k (unk_frame k).
Proof. destruct k; simpl; constructor; constructor. Qed.

Lemma unk_frame_idem : forall k, unk_frame (unk_frame k) = unk_frame k.
Proof. destruct k; reflexivity. Qed.

Lemma unk_frame_eq : forall k k', prunes_frame fns k k' -> unk_frame k = unk_frame k'.
Proof. intros k k' H; inversion H; reflexivity. Qed.

Lemma pop_store_eq : forall k k' s, prunes_frame fns k k' -> pop_store k s = pop_store k' s.
Proof. intros k k' s H; inversion H; reflexivity. Qed.

Lemma catches_eq : forall k k' l, prunes_frame fns k k' -> (catches k l <-> catches k' l).
Proof. intros k k' l H; inversion H; simpl; tauto. Qed.

Lemma call_target_prunes : forall e ps b args tb,
  call_target fns e = Some (ps, b, args) -> prunes fns b tb ->
  prunes fns e (EInline ps args tb).
Proof.
  intros e ps b args tb H Hp. destruct e; simpl in H; try discriminate.
  - destruct (fns g) as [[ps' b']|] eqn:E; inversion H; subst. econstructor; eauto.
  - inversion H; subst. constructor; auto.
Qed.

Lemma call_target_inline : forall e ps b args t,
  prunes fns e t -> call_target fns t = Some (ps, b, args) ->
  exists b', call_target fns e = Some (ps, b', args) /\ prunes fns b' b.
Proof.
  intros e ps b args t Hp H. inversion Hp; subst; simpl in H; try discriminate.
  - inversion H; subst. exists b0. simpl. rewrite H0. auto.
  - inversion H; subst. exists b0. auto.
Qed.

Ltac dec_refl :=
  repeat match goal with
  | |- context [?d ?a ?a] =>
      lazymatch type of (d a a) with
      | sumbool _ _ => destruct (d a a); [|congruence]
      end
  end.

(** Merging two prunings of one program never fails, and gives a pruning of it that is
    above both. *)
Lemma merge_prunes : forall e t1, prunes fns e t1 -> forall t2, prunes fns e t2 ->
  exists t, merge t1 t2 = Some t /\ prunes fns e t /\ prunes fns t t1 /\ prunes fns t t2.
Proof.
  induction 1; intros t2' H2.
  { exists t2'. simpl. eauto 6 using prunes_self, pr_unknown. }
  all: inversion H2; subst;
    try solve [simpl; eexists; repeat split; econstructor; eauto using prunes_self].
  all: repeat match goal with
         | H1 : fns ?g = Some _, H3 : fns ?g = Some _ |- _ =>
             rewrite H1 in H3; inv H3
         end.
  all: simpl;
    repeat match goal with
    | IH : forall t2, prunes fns ?e t2 -> _, H : prunes fns ?e ?u |- _ =>
        let E := fresh "E" in
        destruct (IH _ H) as (? & E & ? & ? & ?); clear IH; rewrite E
    end;
    dec_refl; eexists; repeat split; econstructor; eauto.
Qed.

Lemma merge_prunes_eq : forall e t1 t2 t, prunes fns e t1 -> prunes fns e t2 ->
  merge t1 t2 = Some t -> prunes fns e t /\ prunes fns t t1 /\ prunes fns t t2.
Proof.
  intros. destruct (merge_prunes _ _ H _ H0) as (t' & E & ?). congruence.
Qed.

Ltac merge_tac :=
  match goal with
  | Hm : merge ?a ?b = Some ?t, Ha : prunes _ ?e ?a, Hb : prunes _ ?e ?b |- _ =>
      let P := fresh "P" in
      assert (P := merge_prunes_eq _ _ _ _ Ha Hb Hm); destruct P as (? & ? & ?)
  end.

(** ** Tracing yields prunings *)

Lemma trace_prunes : forall f s x f' s' o r,
  eval fns f s x f' s' o r -> prunes_out fns x r.
Proof.
  induction 1; simpl in *;
    repeat match goal with
    | H : prunes_frame _ _ _ |- _ => inv H
    | H : prunes _ (EWhile _ _) (EWhile _ _) |- _ => inv H
    end;
    try solve [eauto using unk_frame_prunes, prunes_frame, prunes].
  - merge_tac. constructor; auto.
  - merge_tac. constructor; auto.
  - apply call_target_prunes with (b := b); auto.
  - destruct H; simpl; auto using unk_frame_prunes; constructor.
  - destruct H; simpl; auto using unk_frame_prunes; repeat constructor.
    apply call_target_prunes with (b := b); auto. constructor.
Qed.

Lemma prunes_x_E : forall e t, prunes fns e t -> prunes_x fns (XE e) (XE t).
Proof. simpl; auto. Qed.

Lemma prunes_x_F : forall k k' o, prunes_frame fns k k' -> prunes_x fns (XF k o) (XF k' o).
Proof. simpl; auto. Qed.

(** ** Adequacy of prunings: whatever a pruning answers other than [Unknown], the
    program it prunes answers too, with the same store, fuel and recorded trace. *)
Lemma prunes_adequate : forall f s y f' s' o r,
  eval fns f s y f' s' o r -> o <> Unknown ->
  forall x, prunes_x fns x y -> eval fns f s x f' s' o r.
Proof.
  induction 1; intros Hu xx Hp; destruct xx as [e0 | k0 o0]; simpl in Hp;
    try contradiction;
    try (destruct Hp as [Hp ?]; subst);
    repeat match goal with
    | H : prunes _ _ ?t |- _ => tryif is_var t then fail else inv H
    | H : prunes_frame _ _ ?k |- _ => tryif is_var k then fail else inv H
    end;
    try solve [econstructor;
               eauto 7 using frame_not_unknown, prunes_frame, prunes_x_E, prunes_x_F].
  - (* E_While_Again *)
    econstructor. apply IHeval; auto. simpl. constructor; auto.
  - (* E_Break_Pop *)
    rewrite <- (pop_store_eq _ _ s Hp), <- (unk_frame_eq _ _ Hp). constructor.
    rewrite (catches_eq _ _ l Hp). auto.
  - (* E_Call_Enter *)
    destruct (call_target_inline _ _ _ _ _ Hp H) as (b' & Hc & Hb).
    econstructor; eauto using frame_not_unknown, prunes_frame, prunes_x_E, prunes_x_F.
  - (* E_Raise_Pop *)
    rewrite <- (unk_frame_eq _ _ Hp). constructor.
  - (* E_Limit_Fuel *)
    inv H; simpl in Hp; try contradiction. match goal with Hc : call_target _ _ = Some _ |- _ =>
      destruct (call_target_inline _ _ _ _ _ Hp Hc) as (b' & ? & ?) end.
    repeat econstructor; eauto.
  - inv H; simpl in Hp; try contradiction; destruct Hp as [Hp ?]; subst.
    + rewrite <- (unk_frame_eq _ _ Hp). repeat constructor.
    + inv Hp. repeat constructor.
Qed.

(** ** Source programs never answer [Unknown] *)

Lemma src_call_target : forall e ps b args,
  src_fns fns -> src e -> call_target fns e = Some (ps, b, args) -> src b.
Proof.
  intros e ps b args Hf Hs H. destruct e; simpl in *; try discriminate.
  - destruct (fns g) as [[ps' b']|] eqn:E; inversion H; subst; eauto.
  - inversion H; subst; auto.
Qed.

Lemma src_no_unknown : forall f s x f' s' o r,
  eval fns f s x f' s' o r -> src_fns fns -> src_x x -> o <> Unknown.
Proof.
  induction 1; intros Hf Hs; simpl in *;
    try discriminate; try tauto;
    try solve [intuition eauto].
  - eapply IHeval2; eauto. simpl. split; auto.
    eapply IHeval1; eauto using src_call_target.
  - destruct H; simpl in *; tauto.
Qed.

(** ** Replay: the trace of a run, evaluated on the same input, gives the run's outcome
    (with the same final store and fuel, and it records itself again). *)
Lemma replay_x : forall f s x f' s' o r,
  eval fns f s x f' s' o r -> src_fns fns -> src_x x ->
  eval fns f s (trace_x x r) f' s' o r.
Proof.
  induction 1; intros Hf Hs; simpl in *;
    repeat match goal with H : _ /\ _ |- _ => destruct H end;
    try solve [econstructor; eauto 6 using src_no_unknown, conj, src_call_target].
  - (* E_While *)
    assert (o1 <> Unknown) by eauto using src_no_unknown.
    assert (o <> Unknown) by (eapply src_no_unknown; eauto; simpl; auto).
    pose proof (trace_prunes _ _ _ _ _ _ _ H) as Pc; simpl in Pc.
    pose proof (trace_prunes _ _ _ _ _ _ _ H0) as Pk; simpl in Pk; inv Pk.
    merge_tac.
    apply E_While with (f1 := f1) (s1 := s1) (o1 := o1) (tc := tc) (tc' := tc'); auto.
    + eapply prunes_adequate; [apply IHeval1; auto | auto | simpl; auto].
    + eapply prunes_adequate; [apply IHeval2; auto | auto | ].
      simpl; split; auto. constructor; eauto using prunes_self.
  - (* E_While_True *)
    assert (o1 <> Unknown) by eauto using src_no_unknown.
    assert (o <> Unknown) by (eapply src_no_unknown; eauto; simpl; auto).
    pose proof (trace_prunes _ _ _ _ _ _ _ H) as Pb; simpl in Pb.
    pose proof (trace_prunes _ _ _ _ _ _ _ H0) as Pk; simpl in Pk; inv Pk.
    merge_tac.
    apply E_While_True with (f1 := f1) (s1 := s1) (o1 := o1) (tb := tb) (tb' := tb'); auto.
    + eapply prunes_adequate; [apply IHeval1; auto | auto | simpl; auto].
    + eapply prunes_adequate; [apply IHeval2; auto | auto | ].
      simpl; split; auto. constructor; eauto using prunes_self.
  - (* E_Break_Pop *)
    rewrite (pop_store_eq _ _ s (unk_frame_prunes k)).
    replace (TF (unk_frame k)) with (TF (unk_frame (unk_frame k)))
      by (rewrite unk_frame_idem; auto).
    constructor. rewrite <- (catches_eq _ _ l (unk_frame_prunes k)). auto.
  - (* E_Call_Enter *)
    assert (src b) by eauto using src_call_target.
    assert (o1 <> Unknown) by eauto using src_no_unknown.
    econstructor; [reflexivity | eassumption | eassumption | apply IHeval1; auto | ].
    apply IHeval2; auto.
  - (* E_Raise_Pop *)
    replace (TF (unk_frame k)) with (TF (unk_frame (unk_frame k)))
      by (rewrite unk_frame_idem; auto).
    constructor.
  - (* E_Unknown *)
    destruct H; simpl in *; tauto.
  - (* E_Limit_Fuel *)
    destruct H; simpl.
    + replace (TF (unk_frame k)) with (TF (unk_frame (unk_frame k)))
        by (rewrite unk_frame_idem; auto).
      repeat constructor.
    + repeat constructor.
    + constructor. apply lim_call with (b := EUnknown). reflexivity.
Qed.


(** ** Merge is idempotent and commutative (the Rust merge properties of the same name). *)

Theorem merge_idem : forall t, merge t t = Some t.
Proof.
  induction t; simpl; dec_refl;
    repeat match goal with H : merge ?a ?a = Some ?a |- _ => rewrite H; clear H end;
    reflexivity.
Qed.

Theorem merge_comm : forall t1 t2, merge t1 t2 = merge t2 t1.
Proof.
  induction t1; destruct t2; simpl; auto;
    repeat match goal with
    | |- context [if ?d ?a ?b then _ else _] =>
        destruct (d a b); subst; try congruence; dec_refl
    | IH : forall t2, merge ?x t2 = merge t2 ?x |- context [merge ?x ?y] =>
        rewrite (IH y); clear IH
    end;
    auto.
Qed.

(** * Main theorems *)

(** Traces of runs are prunings of the program (with calls inlined). *)
Theorem trace_is_pruning : forall e f s f' s' o t,
  eval fns f s (XE e) f' s' o (TE t) -> prunes fns e t.
Proof. intros. exact (trace_prunes _ _ _ _ _ _ _ H). Qed.

(** Replay: the trace of a run of a source program, evaluated on the same input (store
    and fuel), gives the run's outcome and final store. *)
Theorem replay : forall e f s f' s' o t,
  src_fns fns -> src e ->
  eval fns f s (XE e) f' s' o (TE t) ->
  eval fns f s (XE t) f' s' o (TE t).
Proof. intros. exact (replay_x _ _ _ _ _ _ _ H1 H H0). Qed.

(** A pruning never answers anything but what its program answers: when it does not say
    [Unknown], the program gives the same outcome, store and fuel (no assumption that the
    program's run is known). *)
Theorem pruning_sound : forall e t, prunes fns e t ->
  forall f s f' s' o r, eval fns f s (XE t) f' s' o r -> o <> Unknown ->
  eval fns f s (XE e) f' s' o r.
Proof. intros. eapply prunes_adequate; eauto. Qed.

Theorem safety_prunes : forall e t, prunes fns e t ->
  forall f s f1 s1 o r f2 s2 o' r',
  eval fns f s (XE e) f1 s1 o r ->
  eval fns f s (XE t) f2 s2 o' r' ->
  o' = Unknown \/ (o' = o /\ s2 = s1 /\ f2 = f1).
Proof.
  intros e t Hp f s f1 s1 o r f2 s2 o' r' He Ht.
  destruct o' eqn:E; try (left; reflexivity);
    right; subst;
    (assert (Hx := pruning_sound _ _ Hp _ _ _ _ _ _ Ht ltac:(discriminate));
     destruct (eval_deterministic _ _ _ _ _ _ _ He _ _ _ _ Hx) as (? & ? & ? & ?);
     subst; auto).
Qed.

(** Safety: a trace produced by any run of [e], evaluated on any input, gives [e]'s
    outcome on that input or [Unknown]. *)
Theorem safety : forall e t f0 s0 f0' s0' o0,
  eval fns f0 s0 (XE e) f0' s0' o0 (TE t) ->
  forall f s f1 s1 o r f2 s2 o' r',
  eval fns f s (XE e) f1 s1 o r ->
  eval fns f s (XE t) f2 s2 o' r' ->
  o' = Unknown \/ (o' = o /\ s2 = s1 /\ f2 = f1).
Proof. intros. eapply safety_prunes; eauto using trace_is_pruning. Qed.

(** Merge: two traces (prunings) of one program merge; the merge is a pruning, so it is
    safe, and it answers (without [Unknown], with the same outcome) every input either
    one answers. *)
Theorem merge_sound : forall e t1 t2, prunes fns e t1 -> prunes fns e t2 ->
  exists t, merge t1 t2 = Some t /\ prunes fns e t /\
  (forall f s f1 s1 o r f2 s2 o' r',
      eval fns f s (XE e) f1 s1 o r -> eval fns f s (XE t) f2 s2 o' r' ->
      o' = Unknown \/ (o' = o /\ s2 = s1 /\ f2 = f1)) /\
  (forall f s f' s' o r,
      (eval fns f s (XE t1) f' s' o r \/ eval fns f s (XE t2) f' s' o r) ->
      o <> Unknown -> eval fns f s (XE t) f' s' o r).
Proof.
  intros e t1 t2 H1 H2.
  destruct (merge_prunes _ _ H1 _ H2) as (t & Hm & He & Ht1 & Ht2).
  exists t. repeat split; auto.
  - intros f s f1 s1 o r f2 s2 o' r' Ha Hb.
    exact (safety_prunes _ _ He _ _ _ _ _ _ _ _ _ _ Ha Hb).
  - intros f s f' s' o r [H | H] Hu.
    + exact (prunes_adequate _ _ _ _ _ _ _ H Hu (XE t) Ht1).
    + exact (prunes_adequate _ _ _ _ _ _ _ H Hu (XE t) Ht2).
Qed.

(** The same for the traces of two runs. *)
Corollary merge_runs : forall e fa sa fa' sa' oa ta fb sb fb' sb' ob tb,
  eval fns fa sa (XE e) fa' sa' oa (TE ta) ->
  eval fns fb sb (XE e) fb' sb' ob (TE tb) ->
  exists t, merge ta tb = Some t /\ prunes fns e t /\
  (forall f s f1 s1 o r f2 s2 o' r',
      eval fns f s (XE e) f1 s1 o r -> eval fns f s (XE t) f2 s2 o' r' ->
      o' = Unknown \/ (o' = o /\ s2 = s1 /\ f2 = f1)) /\
  (forall f s f' s' o r,
      (eval fns f s (XE ta) f' s' o r \/ eval fns f s (XE tb) f' s' o r) ->
      o <> Unknown -> eval fns f s (XE t) f' s' o r).
Proof. intros. apply merge_sound; eauto using trace_is_pruning. Qed.

End Theorems.
