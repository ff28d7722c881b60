(** * The core fragment of the tracelab core and trace language.

    One syntax serves source programs and trace trees, as in [ir/src/ast.rs]: a source
    program uses [ECall] and never [EInline], [ETyped] or [EUnknown]; a trace uses
    [EInline] (an inlined call), [ETyped] (a type guard) and [EUnknown], never [ECall].
    Programs are in A-normal form where the Rust IR is: arguments of primitives, calls and
    [break] are atoms. *)

From Coq Require Import String List ZArith Bool.
Import ListNotations.
Open Scope string_scope.

Inductive value : Type :=
| VInt (z : Z)
| VBool (b : bool)
| VUndef.

(** The types a type guard checks (Rust [Ty] has also [Float] and [Str]). *)
Inductive ty : Type := TInt | TBool.

(** The type of a value; [VUndef] has none, so no guard lets it pass. *)
Definition ty_of (v : value) : option ty :=
  match v with
  | VInt _ => Some TInt
  | VBool _ => Some TBool
  | VUndef => None
  end.

Inductive prim : Type := PAdd | PSub | PMul | PLt | PEq | PAnd | POr | PNot.

Inductive atom : Type :=
| AVar (x : string)
| ALit (v : value).

Inductive expr : Type :=
| ELit (v : value)
| EVar (x : string)
| ELet (x : string) (e1 e2 : expr)     (** [let x = e1] for the rest of the block [e2] *)
| ESet (x : string) (e : expr)
| ESeq (e1 e2 : expr)
| EIf (c t e : expr)
| EWhile (c b : expr)
| ELabel (l : string) (b : expr)
| EBreak (l : string) (a : atom)
| EPrim (op : prim) (args : list atom)
| ECall (g : string) (args : list atom)                      (** source only *)
| EInline (ps : list string) (args : list atom) (b : expr)   (** trace only *)
| ETyped (τ : ty) (e : expr)                                  (** trace only *)
| EUnknown.                                                   (** trace only *)

(** The label a function body runs under; [return a] is [EBreak ret a]. *)
Definition ret : string := "return".

Definition value_eq_dec : forall v w : value, {v = w} + {v <> w}.
Proof. decide equality; [apply Z.eq_dec | apply bool_dec]. Defined.

Definition ty_eq_dec : forall a b : ty, {a = b} + {a <> b}.
Proof. decide equality. Defined.

Definition prim_eq_dec : forall p q : prim, {p = q} + {p <> q}.
Proof. decide equality. Defined.

Definition atom_eq_dec : forall a b : atom, {a = b} + {a <> b}.
Proof. decide equality; [apply string_dec | apply value_eq_dec]. Defined.

Definition atoms_eq_dec : forall a b : list atom, {a = b} + {a <> b} :=
  list_eq_dec atom_eq_dec.

Definition names_eq_dec : forall a b : list string, {a = b} + {a <> b} :=
  list_eq_dec string_dec.

(** ** Stores: association lists, innermost binding first. *)
Definition store := list (string * value).

Fixpoint lookup (s : store) (x : string) : option value :=
  match s with
  | [] => None
  | (y, v) :: s' => if string_dec x y then Some v else lookup s' x
  end.

Fixpoint update (s : store) (x : string) (v : value) : option store :=
  match s with
  | [] => None
  | (y, w) :: s' =>
      if string_dec x y then Some ((y, v) :: s')
      else match update s' x v with
           | Some s'' => Some ((y, w) :: s'')
           | None => None
           end
  end.

Definition aval (s : store) (a : atom) : option value :=
  match a with
  | AVar x => lookup s x
  | ALit v => Some v
  end.

Fixpoint avals (s : store) (args : list atom) : option (list value) :=
  match args with
  | [] => Some []
  | a :: r =>
      match aval s a, avals s r with
      | Some v, Some vs => Some (v :: vs)
      | _, _ => None
      end
  end.

(** δ: the meaning of a primitive; [None] is a type error (E-Prim-Raise). *)
Definition delta (op : prim) (vs : list value) : option value :=
  match op, vs with
  | PAdd, [VInt a; VInt b] => Some (VInt (a + b))
  | PSub, [VInt a; VInt b] => Some (VInt (a - b))
  | PMul, [VInt a; VInt b] => Some (VInt (a * b))
  | PLt, [VInt a; VInt b] => Some (VBool (Z.ltb a b))
  | PEq, [VInt a; VInt b] => Some (VBool (Z.eqb a b))
  | PEq, [VBool a; VBool b] => Some (VBool (Bool.eqb a b))
  | PAnd, [VBool a; VBool b] => Some (VBool (a && b))
  | POr, [VBool a; VBool b] => Some (VBool (a || b))
  | PNot, [VBool a] => Some (VBool (negb a))
  | _, _ => None
  end.

Definition is_bool (v : value) : bool :=
  match v with VBool _ => true | _ => false end.

(** ** Type guards in a term *)

(** [e] without its outermost guards. *)
Fixpoint strip (e : expr) : expr :=
  match e with
  | ETyped _ e' => strip e'
  | _ => e
  end.

(** [e] with every guard removed. *)
Fixpoint erase (e : expr) : expr :=
  match e with
  | ELet x e1 e2 => ELet x (erase e1) (erase e2)
  | ESet x e => ESet x (erase e)
  | ESeq e1 e2 => ESeq (erase e1) (erase e2)
  | EIf c e1 e2 => EIf (erase c) (erase e1) (erase e2)
  | EWhile c b => EWhile (erase c) (erase b)
  | ELabel l b => ELabel l (erase b)
  | EInline ps args b => EInline ps args (erase b)
  | ETyped _ e => erase e
  | e => e
  end.

(** [e] has no guard: every program does ([ETyped] is trace only, as in Rust). *)
Fixpoint unguarded (e : expr) : Prop :=
  match e with
  | ELit _ | EVar _ | EBreak _ _ | EPrim _ _ | ECall _ _ | EUnknown => True
  | ELet _ e1 e2 | ESeq e1 e2 | EWhile e1 e2 => unguarded e1 /\ unguarded e2
  | ESet _ e | ELabel _ e | EInline _ _ e => unguarded e
  | EIf c e1 e2 => unguarded c /\ unguarded e1 /\ unguarded e2
  | ETyped _ _ => False
  end.

(** ** Merge: [EUnknown] is the bottom, structural elsewhere, [None] on a conflict.

    Type guards join as a lattice, as in [semantics/src/trace/merge.rs]: a guard stays when
    both sides have it with the same type; two types, or a guard against an unguarded
    term, lose it (the merge goes on with what is under the guard). *)
Fixpoint merge (t1 t2 : expr) {struct t1} : option expr :=
  match t1 with
  | EUnknown => Some t2
  | ETyped τ a =>
      match t2 with
      | EUnknown => Some t1
      | ETyped τ' b =>
          if ty_eq_dec τ τ' then
            match merge a b with Some m => Some (ETyped τ m) | None => None end
          else merge a b
      | _ => merge a t2
      end
  | ELit v =>
      match strip t2 with
      | EUnknown => Some t1
      | ELit w => if value_eq_dec v w then Some t1 else None
      | _ => None
      end
  | EVar x =>
      match strip t2 with
      | EUnknown => Some t1
      | EVar y => if string_dec x y then Some t1 else None
      | _ => None
      end
  | ELet x a b =>
      match strip t2 with
      | EUnknown => Some t1
      | ELet y a' b' =>
          if string_dec x y then
            match merge a a', merge b b' with
            | Some a'', Some b'' => Some (ELet x a'' b'')
            | _, _ => None
            end
          else None
      | _ => None
      end
  | ESet x a =>
      match strip t2 with
      | EUnknown => Some t1
      | ESet y a' =>
          if string_dec x y then
            match merge a a' with Some a'' => Some (ESet x a'') | None => None end
          else None
      | _ => None
      end
  | ESeq a b =>
      match strip t2 with
      | EUnknown => Some t1
      | ESeq a' b' =>
          match merge a a', merge b b' with
          | Some a'', Some b'' => Some (ESeq a'' b'')
          | _, _ => None
          end
      | _ => None
      end
  | EIf c a b =>
      match strip t2 with
      | EUnknown => Some t1
      | EIf c' a' b' =>
          match merge c c', merge a a', merge b b' with
          | Some c'', Some a'', Some b'' => Some (EIf c'' a'' b'')
          | _, _, _ => None
          end
      | _ => None
      end
  | EWhile c b =>
      match strip t2 with
      | EUnknown => Some t1
      | EWhile c' b' =>
          match merge c c', merge b b' with
          | Some c'', Some b'' => Some (EWhile c'' b'')
          | _, _ => None
          end
      | _ => None
      end
  | ELabel l b =>
      match strip t2 with
      | EUnknown => Some t1
      | ELabel l' b' =>
          if string_dec l l' then
            match merge b b' with Some b'' => Some (ELabel l b'') | None => None end
          else None
      | _ => None
      end
  | EBreak l a =>
      match strip t2 with
      | EUnknown => Some t1
      | EBreak l' a' =>
          if string_dec l l' then if atom_eq_dec a a' then Some t1 else None else None
      | _ => None
      end
  | EPrim op args =>
      match strip t2 with
      | EUnknown => Some t1
      | EPrim op' args' =>
          if prim_eq_dec op op' then if atoms_eq_dec args args' then Some t1 else None
          else None
      | _ => None
      end
  | ECall g args =>
      match strip t2 with
      | EUnknown => Some t1
      | ECall g' args' =>
          if string_dec g g' then if atoms_eq_dec args args' then Some t1 else None
          else None
      | _ => None
      end
  | EInline ps args b =>
      match strip t2 with
      | EUnknown => Some t1
      | EInline ps' args' b' =>
          if names_eq_dec ps ps' then
            if atoms_eq_dec args args' then
              match merge b b' with Some b'' => Some (EInline ps args b'') | None => None end
            else None
          else None
      | _ => None
      end
  end.
