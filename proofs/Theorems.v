(** * Theorems: determinism, fuel monotonicity, replay, safety, merge and type guards.

    The theorems about the traces of a term, or about merging its prunings, assume that
    neither the term nor the function table has a type guard ([unguarded],
    [unguarded_fns]): programs have none, since [ETyped] is trace only. *)

From Coq Require Import String List ZArith Bool Lia.
Import ListNotations.
From Tracelab Require Import Syntax Semantics.

Ltac inv H := inversion H; subst; clear H.

Ltac dec_refl :=
  repeat match goal with
  | |- context [?d ?a ?a] =>
      lazymatch type of (d a a) with
      | sumbool _ _ => destruct (d a a); [|congruence]
      end
  end.

(** ** Guards and merge, syntactically *)

(** A term that is neither [EUnknown] nor a guard. *)
Definition is_node (t : expr) : Prop :=
  match t with EUnknown | ETyped _ _ => False | _ => True end.

Definition top_guard (t : expr) : Prop :=
  match t with ETyped _ _ => True | _ => False end.

Lemma node_cases : forall t, t = EUnknown \/ top_guard t \/ is_node t.
Proof. destruct t; simpl; auto. Qed.

Lemma merge_unknown_r : forall t, merge t EUnknown = Some t.
Proof. destruct t; reflexivity. Qed.

Lemma merge_typed_l : forall τ a t, is_node t -> merge (ETyped τ a) t = merge a t.
Proof. intros τ a t H; destruct t; simpl in H; tauto || reflexivity. Qed.

Lemma merge_typed_r : forall t τ b, is_node t -> merge t (ETyped τ b) = merge t b.
Proof. intros t τ b H; destruct t; simpl in H; tauto || reflexivity. Qed.

Lemma merge_strip_r : forall t1 t2, is_node t1 -> merge t1 t2 = merge t1 (strip t2).
Proof.
  intros t1 t2 H. induction t2; auto.
  rewrite merge_typed_r by auto. simpl. auto.
Qed.

Lemma strip_no_guard : forall t, ~ top_guard (strip t).
Proof. induction t; simpl; auto. Qed.

Lemma unguarded_erase : forall e, unguarded (erase e).
Proof. induction e; simpl; auto. Qed.

Lemma erase_unguarded : forall e, unguarded e -> erase e = e.
Proof.
  induction e; simpl; intros; try tauto;
    repeat match goal with H : _ /\ _ |- _ => destruct H end; f_equal; auto.
Qed.

Lemma src_unguarded : forall e, src e -> unguarded e.
Proof. induction e; simpl; tauto. Qed.

Lemma src_fns_unguarded : forall fns, src_fns fns -> unguarded_fns fns.
Proof. unfold src_fns, unguarded_fns; eauto using src_unguarded. Qed.

Lemma unguarded_fns_erase : forall fns, unguarded_fns (erase_fns fns).
Proof.
  unfold unguarded_fns, erase_fns. intros fns g ps b H.
  destruct (fns g) as [[ps' b']|]; inversion H; subst. apply unguarded_erase.
Qed.

Lemma erase_fns_unguarded : forall fns, unguarded_fns fns ->
  forall g, erase_fns fns g = fns g.
Proof.
  unfold unguarded_fns, erase_fns. intros fns Hf g.
  destruct (fns g) as [[ps b]|] eqn:E; auto. rewrite (erase_unguarded b); eauto.
Qed.

Lemma call_target_erase : forall fns e ps b args,
  call_target fns e = Some (ps, b, args) ->
  call_target (erase_fns fns) (erase e) = Some (ps, erase b, args).
Proof.
  intros fns e ps b args H. destruct e; simpl in *; try discriminate.
  - unfold erase_fns. destruct (fns g) as [[ps' b']|]; inversion H; subst; reflexivity.
  - inversion H; subst; reflexivity.
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
  induction t1; intros t2.
  14: (simpl; rewrite merge_unknown_r; reflexivity).
  13: (destruct t2;
       try (rewrite merge_typed_r by exact I; exact (IHt1 _));
       [ simpl; destruct (ty_eq_dec τ τ0), (ty_eq_dec τ0 τ); subst; try congruence;
         rewrite IHt1; reflexivity
       | reflexivity ]).
  all: induction t2;
    try (rewrite merge_typed_r by exact I;
         match goal with IH : merge _ ?b = merge ?b _ |- _ => rewrite IH; reflexivity end);
    simpl; auto;
    repeat match goal with
    | |- context [if ?d ?a ?b then _ else _] =>
        destruct (d a b); subst; try congruence; dec_refl
    | IH : forall t2, merge ?x t2 = merge t2 ?x |- context [merge ?x ?y] =>
        rewrite (IH y); clear IH
    end;
    auto.
Qed.

(** ** Prunings *)

Section Prunings.

Variable fns : string -> option (list string * expr).

Lemma prunes_self : forall e t, prunes fns e t -> prunes fns t t.
Proof. induction 1; constructor; auto. Qed.

Lemma unk_frame_prunes : forall k, prunes_frame fns k (unk_frame k).
Proof. destruct k; simpl; constructor; constructor. Qed.

Lemma unk_frame_idem : forall k, unk_frame (unk_frame k) = unk_frame k.
Proof. destruct k; reflexivity. Qed.

Lemma unk_frame_eq : forall k k', prunes_frame fns k k' -> unk_frame k = unk_frame k'.
Proof. intros k k' H; inversion H; reflexivity. Qed.

Lemma unk_frame_erase : forall k, unk_frame (erase_frame k) = unk_frame k.
Proof. destruct k; reflexivity. Qed.

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

(** Tracing puts a guard on a pruning. *)
Lemma guard_prunes : forall e t o, prunes fns e t -> prunes fns e (guard o t).
Proof.
  intros e t o H. unfold guard.
  destruct o; auto. destruct (ty_of v); auto. destruct t; auto; constructor; auto.
Qed.

Lemma prunes_strip : forall e t, prunes fns e t -> ~ top_guard e -> prunes fns e (strip t).
Proof.
  intros e t. revert e. induction t; intros e0 H Hg; auto.
  inversion H; subst; simpl in *; [tauto | auto].
Qed.

Lemma prunes_unstrip : forall m t, prunes fns m (strip t) -> prunes fns m t.
Proof. intros m t. induction t; simpl; auto. intros; apply pr_guard; auto. Qed.

(** To merge a term that is not a guard with a pruning, strip the pruning's guards. *)
Lemma merge_node_reduce : forall e t1 t2, is_node t1 -> ~ top_guard e -> prunes fns e t2 ->
  (forall u, prunes fns e u -> ~ top_guard u ->
     exists t, merge t1 u = Some t /\ prunes fns e t /\
               prunes fns t t1 /\ prunes fns t u) ->
  exists t, merge t1 t2 = Some t /\ prunes fns e t /\ prunes fns t t1 /\ prunes fns t t2.
Proof.
  intros e t1 t2 Hn Hg Hp Hu.
  destruct (Hu (strip t2)) as (t & Hm & ? & ? & ?);
    auto using prunes_strip, strip_no_guard.
  exists t. rewrite merge_strip_r by auto. auto using prunes_unstrip.
Qed.

Lemma unguarded_no_guard : forall e, unguarded e -> ~ top_guard e.
Proof. destruct e; simpl; tauto. Qed.

Hypothesis unguarded_table : unguarded_fns fns.

(** Merging two prunings of one program without guards never fails, and gives a pruning
    of it that is above both. *)
Lemma merge_prunes : forall e t1, prunes fns e t1 -> unguarded e ->
  forall t2, prunes fns e t2 ->
  exists t, merge t1 t2 = Some t /\ prunes fns e t /\ prunes fns t t1 /\ prunes fns t t2.
Proof.
  induction 1; intros Hu t2' H2.
  { exists t2'. simpl. eauto 6 using prunes_self, pr_unknown. }
  (* the congruence of guards: not in a program without guards *)
  13: (simpl in Hu; tauto).
  (* a guard on a pruning *)
  13: { destruct (node_cases t2') as [-> | [Hg | Hn]].
        - exists (ETyped τ t). simpl. repeat split; constructor; eauto using prunes_self.
        - destruct t2' as [| | | | | | | | | | | | τ' b |]; simpl in Hg; try tauto.
          inversion H2; subst; [simpl in Hu; tauto |].
          destruct (IHprunes Hu b) as (m & Hm & ? & ? & ?); auto.
          simpl. destruct (ty_eq_dec τ τ'); subst; rewrite Hm.
          + exists (ETyped τ' m). repeat split; constructor; auto.
          + exists m. repeat split; auto; constructor; auto.
        - rewrite merge_typed_l by auto.
          destruct (IHprunes Hu t2') as (m & Hm & ? & ? & ?); auto.
          exists m. repeat split; auto. constructor; auto. }
  all: apply merge_node_reduce; [exact I | auto using unguarded_no_guard | assumption |];
    intros u H2u Hgu; clear t2' H2;
    simpl in Hu; repeat match goal with H : _ /\ _ |- _ => destruct H end;
    repeat match goal with
           | IH : unguarded ?e -> _, H : unguarded ?e |- _ => specialize (IH H)
           end;
    repeat match goal with
           | IH : unguarded ?b -> _, H : fns _ = Some (_, ?b) |- _ =>
               specialize (IH (unguarded_table _ _ _ H))
           end;
    inversion H2u; subst; try (simpl in Hgu; tauto);
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

Lemma merge_prunes_eq : forall e t1 t2 t, unguarded e ->
  prunes fns e t1 -> prunes fns e t2 ->
  merge t1 t2 = Some t -> prunes fns e t /\ prunes fns t t1 /\ prunes fns t t2.
Proof.
  intros. destruct (merge_prunes _ _ H0 H _ H1) as (t' & E & ?). congruence.
Qed.

End Prunings.

(** Prunings depend on the function table only through its entries. *)
Lemma prunes_ext : forall (fns1 fns2 : string -> option (list string * expr)),
  (forall g, fns1 g = fns2 g) -> forall e t, prunes fns1 e t -> prunes fns2 e t.
Proof.
  intros fns1 fns2 E e t H. induction H; try (econstructor; eauto; fail).
  eapply pr_call; eauto. rewrite <- E. eauto.
Qed.

Ltac merge_tac Hf Hu :=
  match goal with
  | Hm : merge ?a ?b = Some ?t, Ha : prunes ?F ?e ?a, Hb : prunes ?F ?e ?b |- _ =>
      let P := fresh "P" in
      assert (P := merge_prunes_eq F Hf _ _ _ _ Hu Ha Hb Hm); destruct P as (? & ? & ?)
  end.

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


(** ** Tracing yields prunings *)

(** Prunings of [x] without its guards: the guards a run records are those tracing puts
    on [let] and assignment values; the guards of [x] itself are not recorded. *)
Lemma trace_prunes : forall f s x f' s' o r,
  eval fns f s x f' s' o r -> prunes_out (erase_fns fns) (erase_x x) r.
Proof.
  induction 1; simpl in *;
    repeat match goal with
    | H : prunes_frame _ _ _ |- _ => inv H
    | H : prunes _ (EWhile _ _) (EWhile _ _) |- _ => inv H
    end;
    try solve [eauto using unk_frame_prunes, prunes_frame, prunes, guard_prunes].
  - merge_tac (unguarded_fns_erase fns) (unguarded_erase c). constructor; auto.
  - merge_tac (unguarded_fns_erase fns) (unguarded_erase b). constructor; auto.
  - rewrite <- unk_frame_erase. apply unk_frame_prunes.
  - apply call_target_prunes with (b := erase b); auto using call_target_erase.
  - rewrite <- unk_frame_erase. apply unk_frame_prunes.
  - destruct H; simpl; auto using unk_frame_prunes; try constructor.
    rewrite <- unk_frame_erase. apply unk_frame_prunes.
  - destruct H; simpl; try (rewrite <- unk_frame_erase; apply unk_frame_prunes);
      repeat constructor.
    apply call_target_prunes with (b := erase b); auto using call_target_erase. constructor.
Qed.

Lemma erase_frame_unguarded : forall k, unguarded_frame k -> erase_frame k = k.
Proof.
  destruct k; simpl; intros; try tauto;
    repeat match goal with H : _ /\ _ |- _ => destruct H end;
    repeat rewrite erase_unguarded by auto; auto.
Qed.

Lemma prunes_frame_ext : forall (fns1 fns2 : string -> option (list string * expr)),
  (forall g, fns1 g = fns2 g) ->
  forall k k', prunes_frame fns1 k k' -> prunes_frame fns2 k k'.
Proof. intros fns1 fns2 E k k' H; inversion H; constructor; eauto using prunes_ext. Qed.

(** For a term and a table without guards, the trace is a pruning of the term itself. *)
Lemma trace_prunes_u : forall f s x f' s' o r,
  eval fns f s x f' s' o r -> unguarded_fns fns -> unguarded_x x -> prunes_out fns x r.
Proof.
  intros f s x f' s' o r H Hf Hx. pose proof (trace_prunes _ _ _ _ _ _ _ H) as P.
  pose proof (erase_fns_unguarded _ Hf) as E.
  destruct x as [e | k o1], r as [t | k']; simpl in *; auto.
  - rewrite erase_unguarded in P by auto. eapply prunes_ext; eauto.
  - rewrite erase_frame_unguarded in P by auto. eapply prunes_frame_ext; eauto.
Qed.

(** Evaluating a recorded guard: it passes the value it was recorded for. *)
Lemma guard_eval : forall f s t f' s' o t',
  eval fns f s (XE t) f' s' o (TE t') -> eval fns f s (XE (guard o t)) f' s' o (TE t').
Proof.
  intros. unfold guard. destruct o; auto. destruct (ty_of v) eqn:E; auto.
  destruct t; auto; econstructor; eauto; constructor; auto.
Qed.

(** What a guard frame lets through: everything but a value of another type. *)
Lemma typed_frame_inv : forall τ f s o1 f' s' o r,
  eval fns f s (XF (FTyped τ) o1) f' s' o r -> o <> Unknown ->
  o = o1 /\ f' = f /\ s' = s /\ r = TF (FTyped τ) /\
  (forall v, o1 = Val v -> ty_of v = Some τ).
Proof.
  intros. inv H; try (inv H1); repeat split; auto; intros; try discriminate;
    try congruence.
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
    rewrite <- (pop_store_eq _ _ _ s Hp), <- (unk_frame_eq _ _ _ Hp). constructor.
    rewrite (catches_eq _ _ _ l Hp). auto.
  - (* E_Call_Enter *)
    destruct (call_target_inline _ _ _ _ _ _ Hp H) as (b' & Hc & Hb).
    econstructor; eauto using frame_not_unknown, prunes_frame, prunes_x_E, prunes_x_F.
  - (* E_Typed: a guard on a pruning of [e0] *)
    destruct (typed_frame_inv _ _ _ _ _ _ _ _ H0 Hu) as (-> & -> & -> & _ & _).
    apply IHeval1; auto.
  - (* E_Raise_Pop *)
    rewrite <- (unk_frame_eq _ _ _ Hp). constructor.
  - (* E_Limit_Fuel *)
    inv H; simpl in Hp; try contradiction. match goal with Hc : call_target _ _ = Some _ |- _ =>
      destruct (call_target_inline _ _ _ _ _ _ Hp Hc) as (b' & ? & ?) end.
    repeat econstructor; eauto.
  - inv H; simpl in Hp; try contradiction; destruct Hp as [Hp ?]; subst.
    + rewrite <- (unk_frame_eq _ _ _ Hp). repeat constructor.
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
    try contradiction;
    try solve [econstructor;
               eauto 6 using src_no_unknown, conj, src_call_target, guard_eval].
  - (* E_While *)
    assert (o1 <> Unknown) by eauto using src_no_unknown.
    assert (o <> Unknown) by (eapply src_no_unknown; eauto; simpl; auto).
    pose proof (src_fns_unguarded _ Hf) as Hg.
    pose proof (trace_prunes_u _ _ _ _ _ _ _ H Hg (src_unguarded _ H2)) as Pc; simpl in Pc.
    pose proof (trace_prunes_u _ _ _ _ _ _ _ H0 Hg (conj (src_unguarded _ H2)
      (src_unguarded _ H3))) as Pk; simpl in Pk; inv Pk.
    merge_tac Hg (src_unguarded _ H2).
    apply E_While with (f1 := f1) (s1 := s1) (o1 := o1) (tc := tc) (tc' := tc'); auto.
    + eapply prunes_adequate; [apply IHeval1; auto | auto | simpl; auto].
    + eapply prunes_adequate; [apply IHeval2; auto | auto | ].
      simpl; split; auto. constructor; eauto using prunes_self.
  - (* E_While_True *)
    assert (o1 <> Unknown) by eauto using src_no_unknown.
    assert (o <> Unknown) by (eapply src_no_unknown; eauto; simpl; auto).
    pose proof (src_fns_unguarded _ Hf) as Hg.
    pose proof (trace_prunes_u _ _ _ _ _ _ _ H Hg (src_unguarded _ H4)) as Pb; simpl in Pb.
    pose proof (trace_prunes_u _ _ _ _ _ _ _ H0 Hg (conj (src_unguarded _ H2)
      (src_unguarded _ H4))) as Pk; simpl in Pk; inv Pk.
    merge_tac Hg (src_unguarded _ H4).
    apply E_While_True with (f1 := f1) (s1 := s1) (o1 := o1) (tb := tb) (tb' := tb'); auto.
    + eapply prunes_adequate; [apply IHeval1; auto | auto | simpl; auto].
    + eapply prunes_adequate; [apply IHeval2; auto | auto | ].
      simpl; split; auto. constructor; eauto using prunes_self.
  - (* E_Break_Pop *)
    rewrite (pop_store_eq _ _ _ s (unk_frame_prunes fns k)).
    replace (TF (unk_frame k)) with (TF (unk_frame (unk_frame k)))
      by (rewrite unk_frame_idem; auto).
    constructor. rewrite <- (catches_eq _ _ _ l (unk_frame_prunes fns k)). auto.
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


(** * Main theorems *)

(** Traces of runs are prunings of the program (with calls inlined and guards on [let]
    and assignment values). A program has no guard: [ETyped] is trace only. *)
Theorem trace_is_pruning : forall e f s f' s' o t,
  unguarded_fns fns -> unguarded e ->
  eval fns f s (XE e) f' s' o (TE t) -> prunes fns e t.
Proof. intros. exact (trace_prunes_u _ _ _ _ _ _ _ H1 H H0). Qed.

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
  unguarded_fns fns -> unguarded e ->
  eval fns f0 s0 (XE e) f0' s0' o0 (TE t) ->
  forall f s f1 s1 o r f2 s2 o' r',
  eval fns f s (XE e) f1 s1 o r ->
  eval fns f s (XE t) f2 s2 o' r' ->
  o' = Unknown \/ (o' = o /\ s2 = s1 /\ f2 = f1).
Proof. intros. eapply safety_prunes; eauto using trace_is_pruning. Qed.

(** Merge: two traces (prunings) of one program merge; the merge is a pruning, so it is
    safe, and it answers (without [Unknown], with the same outcome) every input either
    one answers. The program has no guard: the merge drops the guards the two prunings
    disagree on, which is sound only for guards that tracing added. *)
Theorem merge_sound : forall e t1 t2,
  unguarded_fns fns -> unguarded e -> prunes fns e t1 -> prunes fns e t2 ->
  exists t, merge t1 t2 = Some t /\ prunes fns e t /\
  (forall f s f1 s1 o r f2 s2 o' r',
      eval fns f s (XE e) f1 s1 o r -> eval fns f s (XE t) f2 s2 o' r' ->
      o' = Unknown \/ (o' = o /\ s2 = s1 /\ f2 = f1)) /\
  (forall f s f' s' o r,
      (eval fns f s (XE t1) f' s' o r \/ eval fns f s (XE t2) f' s' o r) ->
      o <> Unknown -> eval fns f s (XE t) f' s' o r).
Proof.
  intros e t1 t2 Hf Hu0 H1 H2.
  destruct (merge_prunes _ Hf _ _ H1 Hu0 _ H2) as (t & Hm & He & Ht1 & Ht2).
  exists t. repeat split; auto.
  - intros f s f1 s1 o r f2 s2 o' r' Ha Hb.
    exact (safety_prunes _ _ He _ _ _ _ _ _ _ _ _ _ Ha Hb).
  - intros f s f' s' o r [H | H] Hu.
    + exact (prunes_adequate _ _ _ _ _ _ _ H Hu (XE t) Ht1).
    + exact (prunes_adequate _ _ _ _ _ _ _ H Hu (XE t) Ht2).
Qed.

(** The same for the traces of two runs. *)
Corollary merge_runs : forall e fa sa fa' sa' oa ta fb sb fb' sb' ob tb,
  unguarded_fns fns -> unguarded e ->
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

(** A type guard never changes an answer other than [Unknown]: what [ETyped τ t] answers
    (with its store, fuel and recorded trace), [t] answers too, and a value that passes
    has type [τ]. *)
Theorem typed_sound : forall τ t f s f' s' o r,
  eval fns f s (XE (ETyped τ t)) f' s' o r -> o <> Unknown ->
  eval fns f s (XE t) f' s' o r /\ (forall v, o = Val v -> ty_of v = Some τ).
Proof.
  intros τ t f s f' s' o r H Hu. inv H.
  - discriminate.
  - match goal with H : eval _ _ _ (XF (FTyped _) _) _ _ _ _ |- _ =>
      destruct (typed_frame_inv _ _ _ _ _ _ _ _ H Hu) as (-> & -> & -> & _ & Hv) end.
    auto.
  - congruence.
  - match goal with H : limit _ _ _ _ |- _ => inv H end. discriminate.
Qed.

End Theorems.
