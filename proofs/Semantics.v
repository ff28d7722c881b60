(** * The machine: a pretty-big-step evaluation relation that also traces.

    [eval fns f s x f' s' o r]: from fuel [f] and store [s], the extended term [x] finishes
    with fuel [f'], store [s'] and outcome [o], and the run recorded the trace [r].

    Extended terms are an expression ([XE e]) or a continuation frame receiving the outcome
    of the part evaluated before it ([XF k o]), as in the Rust machine's continuation
    frames: each constructor of [eval] is one rule of the Rust rule table, named after it
    ([E_If_True] is [E-If-True]). Abrupt outcomes pass through a frame by one generic rule
    each: a break by [E_Break_Pop], an error by [E_Raise_Pop], [Unknown] by [E_Unknown] and
    running out of fuel by [E_Limit_Fuel] (in the Rust machine the last two halt at once,
    discarding the continuation).

    The same relation is the source evaluation (on programs, with [ECall]), the trace
    evaluation (on traces, with [EInline], [ETyped] and [EUnknown]) and tracing (the
    recorded [r]). *)

From Coq Require Import String List ZArith Bool Lia.
Import ListNotations.
From Tracelab Require Import Syntax.

Inductive outcome : Type :=
| Val (v : value)
| Brk (l : string) (v : value)
| Err                 (** a type error (Python TypeError / JS TypeError) *)
| Unknown
| OutOfFuel.

Inductive frame : Type :=
| FLet (x : string) (e2 : expr)      (** after a [let]'s right-hand side *)
| FPop                               (** after the scope of a [let]: drop its binding *)
| FSet (x : string)
| FSeq (e2 : expr)
| FIf (t e : expr)
| FWhile (c b : expr)                (** after the loop condition *)
| FWhileBody (c b : expr)            (** after the loop body *)
| FLabel (l : string)
| FCall (caller : store)             (** after a function body: the caller's store *)
| FTyped (τ : ty).                   (** after the expression of a type guard *)

Inductive ext : Type :=
| XE (e : expr)
| XF (k : frame) (o : outcome).

(** What a run records: a trace for an expression, a frame of traces for a frame. *)
Inductive tout : Type :=
| TE (t : expr)
| TF (k : frame).

(** A frame with every expression replaced by [EUnknown]: the trace of a frame an abrupt
    outcome passed through. *)
Definition unk_frame (k : frame) : frame :=
  match k with
  | FLet x _ => FLet x EUnknown
  | FSeq _ => FSeq EUnknown
  | FIf _ _ => FIf EUnknown EUnknown
  | FWhile _ _ => FWhile EUnknown EUnknown
  | FWhileBody _ _ => FWhileBody EUnknown EUnknown
  | k => k
  end.

Definition unk_out (x : ext) : tout :=
  match x with
  | XE _ => TE EUnknown
  | XF k _ => TF (unk_frame k)
  end.

(** What tracing records for the value of a [let] or an assignment, whose trace is [t]
    and outcome [o]: [t] under a guard of the value's type. A literal goes unguarded (its
    type is already certain), as in [semantics/src/trace/render.rs]; an outcome that is not
    a value, or [VUndef], records no guard. *)
Definition guard (o : outcome) (t : expr) : expr :=
  match o with
  | Val v =>
      match ty_of v with
      | Some τ => match t with ELit _ => t | _ => ETyped τ t end
      | None => t
      end
  | _ => t
  end.

(** Does frame [k] catch a break to [l]? *)
Definition catches (k : frame) (l : string) : Prop :=
  match k with
  | FLabel l' => l' = l
  | FCall _ => l = ret
  | _ => False
  end.

(** The store after an abrupt outcome leaves frame [k]. *)
Definition pop_store (k : frame) (s : store) : store :=
  match k with
  | FPop => tl s
  | FCall caller => caller
  | _ => s
  end.

(** The value a function body returns: its value, or a [break] to [return]. *)
Definition ret_val (o : outcome) : option value :=
  match o with
  | Val v => Some v
  | Brk l v => if string_dec l ret then Some v else None
  | _ => None
  end.

Section Machine.

(** The global function table: a function's parameters and body. *)
Variable fns : string -> option (list string * expr).

(** A call's parameters, body and arguments: a source call looks the callee up, an
    inlined call carries them. *)
Definition call_target (e : expr) : option (list string * expr * list atom) :=
  match e with
  | ECall g args =>
      match fns g with Some (ps, b) => Some (ps, b, args) | None => None end
  | EInline ps args b => Some (ps, b, args)
  | _ => None
  end.

Inductive is_unknown : ext -> Prop :=
| iu_expr : is_unknown (XE EUnknown)
| iu_frame k : is_unknown (XF k Unknown).

(** Where fuel runs out, and what the run records there. *)
Inductive limit : nat -> ext -> tout -> Prop :=
| lim_frame f k : limit f (XF k OutOfFuel) (TF (unk_frame k))
| lim_while c b : limit 0 (XF (FWhile c b) (Val (VBool true))) (TF (FWhile EUnknown EUnknown))
| lim_call e ps b args :
    call_target e = Some (ps, b, args) -> limit 0 (XE e) (TE (EInline ps args EUnknown)).

Inductive eval : nat -> store -> ext -> nat -> store -> outcome -> tout -> Prop :=
| E_Lit f s v :
    eval f s (XE (ELit v)) f s (Val v) (TE (ELit v))
| E_Var f s x v :
    lookup s x = Some v ->
    eval f s (XE (EVar x)) f s (Val v) (TE (EVar x))
| E_Let f s x e1 e2 f1 s1 o1 t1 f2 s2 o t2 :
    eval f s (XE e1) f1 s1 o1 (TE t1) ->
    eval f1 s1 (XF (FLet x e2) o1) f2 s2 o (TF (FLet x t2)) ->
    eval f s (XE (ELet x e1 e2)) f2 s2 o (TE (ELet x (guard o1 t1) t2))
| E_Let_Bind f s x e2 v f1 s1 o1 t2 f2 s2 o :
    eval f ((x, v) :: s) (XE e2) f1 s1 o1 (TE t2) ->
    eval f1 s1 (XF FPop o1) f2 s2 o (TF FPop) ->
    eval f s (XF (FLet x e2) (Val v)) f2 s2 o (TF (FLet x t2))
| E_Seq_Last f s v :
    eval f s (XF FPop (Val v)) f (tl s) (Val v) (TF FPop)
| E_Set_Var f s x e f1 s1 o1 t f2 s2 o :
    eval f s (XE e) f1 s1 o1 (TE t) ->
    eval f1 s1 (XF (FSet x) o1) f2 s2 o (TF (FSet x)) ->
    eval f s (XE (ESet x e)) f2 s2 o (TE (ESet x (guard o1 t)))
| E_Set_Var_Write f s x v s' :
    update s x v = Some s' ->
    eval f s (XF (FSet x) (Val v)) f s' (Val v) (TF (FSet x))
| E_Block f s e1 e2 f1 s1 o1 t1 f2 s2 o t2 :
    eval f s (XE e1) f1 s1 o1 (TE t1) ->
    eval f1 s1 (XF (FSeq e2) o1) f2 s2 o (TF (FSeq t2)) ->
    eval f s (XE (ESeq e1 e2)) f2 s2 o (TE (ESeq t1 t2))
| E_Seq_Next f s e2 v f1 s1 o t2 :
    eval f s (XE e2) f1 s1 o (TE t2) ->
    eval f s (XF (FSeq e2) (Val v)) f1 s1 o (TF (FSeq t2))
| E_If f s c e1 e2 f1 s1 o1 tc f2 s2 o t1 t2 :
    eval f s (XE c) f1 s1 o1 (TE tc) ->
    eval f1 s1 (XF (FIf e1 e2) o1) f2 s2 o (TF (FIf t1 t2)) ->
    eval f s (XE (EIf c e1 e2)) f2 s2 o (TE (EIf tc t1 t2))
| E_If_True f s e1 e2 f1 s1 o t1 :
    eval f s (XE e1) f1 s1 o (TE t1) ->
    eval f s (XF (FIf e1 e2) (Val (VBool true))) f1 s1 o (TF (FIf t1 EUnknown))
| E_If_False f s e1 e2 f1 s1 o t2 :
    eval f s (XE e2) f1 s1 o (TE t2) ->
    eval f s (XF (FIf e1 e2) (Val (VBool false))) f1 s1 o (TF (FIf EUnknown t2))
| E_If_Not_Bool f s e1 e2 v :
    is_bool v = false ->
    eval f s (XF (FIf e1 e2) (Val v)) f s Err (TF (FIf EUnknown EUnknown))
| E_While f s c b f1 s1 o1 tc f2 s2 o tc' tb tcm :
    eval f s (XE c) f1 s1 o1 (TE tc) ->
    eval f1 s1 (XF (FWhile c b) o1) f2 s2 o (TF (FWhile tc' tb)) ->
    merge tc tc' = Some tcm ->
    eval f s (XE (EWhile c b)) f2 s2 o (TE (EWhile tcm tb))
| E_While_True f s c b f1 s1 o1 tb f2 s2 o tc' tb' tbm :
    eval f s (XE b) f1 s1 o1 (TE tb) ->
    eval f1 s1 (XF (FWhileBody c b) o1) f2 s2 o (TF (FWhileBody tc' tb')) ->
    merge tb tb' = Some tbm ->
    eval (S f) s (XF (FWhile c b) (Val (VBool true))) f2 s2 o (TF (FWhile tc' tbm))
| E_While_False f s c b :
    eval f s (XF (FWhile c b) (Val (VBool false))) f s (Val VUndef)
         (TF (FWhile EUnknown EUnknown))
| E_While_Not_Bool f s c b v :
    is_bool v = false ->
    eval f s (XF (FWhile c b) (Val v)) f s Err (TF (FWhile EUnknown EUnknown))
| E_While_Again f s c b v f1 s1 o tc tb :
    eval f s (XE (EWhile c b)) f1 s1 o (TE (EWhile tc tb)) ->
    eval f s (XF (FWhileBody c b) (Val v)) f1 s1 o (TF (FWhileBody tc tb))
| E_Label f s l b f1 s1 o1 tb f2 s2 o :
    eval f s (XE b) f1 s1 o1 (TE tb) ->
    eval f1 s1 (XF (FLabel l) o1) f2 s2 o (TF (FLabel l)) ->
    eval f s (XE (ELabel l b)) f2 s2 o (TE (ELabel l tb))
| E_Label_Value f s l v :
    eval f s (XF (FLabel l) (Val v)) f s (Val v) (TF (FLabel l))
| E_Break_Label f s l v :
    eval f s (XF (FLabel l) (Brk l v)) f s (Val v) (TF (FLabel l))
| E_Break_Value f s l a v :
    aval s a = Some v ->
    eval f s (XE (EBreak l a)) f s (Brk l v) (TE (EBreak l a))
| E_Break_Pop f s k l v :
    ~ catches k l ->
    eval f s (XF k (Brk l v)) f (pop_store k s) (Brk l v) (TF (unk_frame k))
| E_Prim_Apply f s op args vs v :
    avals s args = Some vs -> delta op vs = Some v ->
    eval f s (XE (EPrim op args)) f s (Val v) (TE (EPrim op args))
| E_Prim_Raise f s op args vs :
    avals s args = Some vs -> delta op vs = None ->
    eval f s (XE (EPrim op args)) f s Err (TE (EPrim op args))
| E_Call_Enter f s e ps b args vs f1 s1 o1 tb f2 s2 o :
    call_target e = Some (ps, b, args) ->
    avals s args = Some vs ->
    length ps = length vs ->
    eval f (combine ps vs) (XE b) f1 s1 o1 (TE tb) ->
    eval f1 s1 (XF (FCall s) o1) f2 s2 o (TF (FCall s)) ->
    eval (S f) s (XE e) f2 s2 o (TE (EInline ps args tb))
| E_Call_Return f s caller o1 v :
    ret_val o1 = Some v ->
    eval f s (XF (FCall caller) o1) f caller (Val v) (TF (FCall caller))
(* A guard records the trace of its expression: a run records the guards tracing puts on
   values ([guard] in [E_Let] and [E_Set_Var]), not the guards of the term it runs. *)
| E_Typed f s τ e f1 s1 o1 t f2 s2 o :
    eval f s (XE e) f1 s1 o1 (TE t) ->
    eval f1 s1 (XF (FTyped τ) o1) f2 s2 o (TF (FTyped τ)) ->
    eval f s (XE (ETyped τ e)) f2 s2 o (TE t)
| E_Typed_Pass f s τ v :
    ty_of v = Some τ ->
    eval f s (XF (FTyped τ) (Val v)) f s (Val v) (TF (FTyped τ))
| E_Typed_Fail f s τ v :
    ty_of v <> Some τ ->
    eval f s (XF (FTyped τ) (Val v)) f s Unknown (TF (FTyped τ))
| E_Raise_Pop f s k :
    eval f s (XF k Err) f s Err (TF (unk_frame k))
| E_Unknown f s x :
    is_unknown x ->
    eval f s x f s Unknown (unk_out x)
| E_Limit_Fuel f s x r :
    limit f x r ->
    eval f s x f s OutOfFuel r.

(** ** Prunings: [prunes e t] says [t] is [e] with calls inlined, some subterms replaced
    by [EUnknown] and type guards put around some subterms. Every trace of a program [e]
    is one (lemma [trace_prunes]). *)
Inductive prunes : expr -> expr -> Prop :=
| pr_unknown e : prunes e EUnknown
| pr_lit v : prunes (ELit v) (ELit v)
| pr_var x : prunes (EVar x) (EVar x)
| pr_let x e1 e2 t1 t2 : prunes e1 t1 -> prunes e2 t2 -> prunes (ELet x e1 e2) (ELet x t1 t2)
| pr_set x e t : prunes e t -> prunes (ESet x e) (ESet x t)
| pr_seq e1 e2 t1 t2 : prunes e1 t1 -> prunes e2 t2 -> prunes (ESeq e1 e2) (ESeq t1 t2)
| pr_if c e1 e2 tc t1 t2 :
    prunes c tc -> prunes e1 t1 -> prunes e2 t2 -> prunes (EIf c e1 e2) (EIf tc t1 t2)
| pr_while c b tc tb : prunes c tc -> prunes b tb -> prunes (EWhile c b) (EWhile tc tb)
| pr_label l b tb : prunes b tb -> prunes (ELabel l b) (ELabel l tb)
| pr_break l a : prunes (EBreak l a) (EBreak l a)
| pr_prim op args : prunes (EPrim op args) (EPrim op args)
| pr_call g args ps b tb :
    fns g = Some (ps, b) -> prunes b tb -> prunes (ECall g args) (EInline ps args tb)
| pr_inline ps args b tb : prunes b tb -> prunes (EInline ps args b) (EInline ps args tb)
| pr_typed τ e t : prunes e t -> prunes (ETyped τ e) (ETyped τ t)
| pr_guard τ e t : prunes e t -> prunes e (ETyped τ t).     (** a guard on any pruning *)

Inductive prunes_frame : frame -> frame -> Prop :=
| pf_let x e t : prunes e t -> prunes_frame (FLet x e) (FLet x t)
| pf_pop : prunes_frame FPop FPop
| pf_set x : prunes_frame (FSet x) (FSet x)
| pf_seq e t : prunes e t -> prunes_frame (FSeq e) (FSeq t)
| pf_if e1 e2 t1 t2 : prunes e1 t1 -> prunes e2 t2 -> prunes_frame (FIf e1 e2) (FIf t1 t2)
| pf_while c b tc tb : prunes c tc -> prunes b tb -> prunes_frame (FWhile c b) (FWhile tc tb)
| pf_wbody c b tc tb :
    prunes c tc -> prunes b tb -> prunes_frame (FWhileBody c b) (FWhileBody tc tb)
| pf_label l : prunes_frame (FLabel l) (FLabel l)
| pf_call s : prunes_frame (FCall s) (FCall s)
| pf_typed τ : prunes_frame (FTyped τ) (FTyped τ).

Definition prunes_x (x y : ext) : Prop :=
  match x, y with
  | XE e, XE t => prunes e t
  | XF k o, XF k' o' => prunes_frame k k' /\ o = o'
  | _, _ => False
  end.

Definition prunes_out (x : ext) (r : tout) : Prop :=
  match x, r with
  | XE e, TE t => prunes e t
  | XF k _, TF k' => prunes_frame k k'
  | _, _ => False
  end.

(** ** Source programs: no [EUnknown], no [ETyped]. *)
Fixpoint src (e : expr) : Prop :=
  match e with
  | ELit _ | EVar _ | EBreak _ _ | EPrim _ _ | ECall _ _ => True
  | ELet _ e1 e2 | ESeq e1 e2 | EWhile e1 e2 => src e1 /\ src e2
  | ESet _ e | ELabel _ e | EInline _ _ e => src e
  | EIf c e1 e2 => src c /\ src e1 /\ src e2
  | ETyped _ _ | EUnknown => False
  end.

Definition src_frame (k : frame) : Prop :=
  match k with
  | FLet _ e | FSeq e => src e
  | FIf e1 e2 | FWhile e1 e2 | FWhileBody e1 e2 => src e1 /\ src e2
  | FTyped _ => False
  | _ => True
  end.

Definition src_x (x : ext) : Prop :=
  match x with
  | XE e => src e
  | XF k o => src_frame k /\ o <> Unknown
  end.

(** Every function body of the table is a source program. *)
Definition src_fns : Prop := forall g ps b, fns g = Some (ps, b) -> src b.

(** ** Terms without type guards *)

Definition erase_frame (k : frame) : frame :=
  match k with
  | FLet x e => FLet x (erase e)
  | FSeq e => FSeq (erase e)
  | FIf e1 e2 => FIf (erase e1) (erase e2)
  | FWhile c b => FWhile (erase c) (erase b)
  | FWhileBody c b => FWhileBody (erase c) (erase b)
  | k => k
  end.

Definition erase_x (x : ext) : ext :=
  match x with
  | XE e => XE (erase e)
  | XF k o => XF (erase_frame k) o
  end.

Definition unguarded_frame (k : frame) : Prop :=
  match k with
  | FLet _ e | FSeq e => unguarded e
  | FIf e1 e2 | FWhile e1 e2 | FWhileBody e1 e2 => unguarded e1 /\ unguarded e2
  | FTyped _ => False
  | _ => True
  end.

Definition unguarded_x (x : ext) : Prop :=
  match x with
  | XE e => unguarded e
  | XF k _ => unguarded_frame k
  end.

(** No function body of the table has a guard (true of every source table). *)
Definition unguarded_fns : Prop := forall g ps b, fns g = Some (ps, b) -> unguarded b.

(** The expression a run of [x] recorded trace [r] for. *)
Definition trace_x (x : ext) (r : tout) : ext :=
  match x, r with
  | XE _, TE t => XE t
  | XF _ o, TF k' => XF k' o
  | _, _ => x
  end.

End Machine.

(** The function table with every guard erased from the bodies. *)
Definition erase_fns (fns : string -> option (list string * expr))
    : string -> option (list string * expr) :=
  fun g => match fns g with Some (ps, b) => Some (ps, erase b) | None => None end.
