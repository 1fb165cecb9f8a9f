;; The hot loops of src/init/householderQR.ts (a reflection x ← x − 2(v·x)v, fused with the next
;; reflector's dot product), the same operations in the same order for every column as the JS
;; loops they replace, so Q and R come out bit for bit the same. Two columns share an f64x2 vector:
;; matrices are stored in column pairs, row by row: entry (row, col) at
;; ((col >> 1)·m + row)·2 + (col & 1) (in f64 units), so rows of columns 2p and 2p+1 sit side by side.
;; Each column still sums its dot product alone, in ascending row order, starting from 0.
(module
  (memory (export "memory") 1)

  ;; byte address of entry (row, col) of the pair-stored m-row matrix at `base`
  (func $at (param $base i32) (param $m i32) (param $col i32) (param $row i32) (result i32)
    (i32.add (local.get $base)
      (i32.shl
        (i32.add (i32.shl (i32.add (i32.mul (i32.shr_u (local.get $col) (i32.const 1)) (local.get $m)) (local.get $row)) (i32.const 1))
                 (i32.and (local.get $col) (i32.const 1)))
        (i32.const 3))))

  ;; v·x for x = rows row… of column col, v the `len` f64 at `v`
  (func (export "dot") (param $base i32) (param $m i32) (param $col i32) (param $row i32) (param $v i32) (param $len i32) (result f64)
    (local $p i32) (local $i i32) (local $sum f64)
    (local.set $p (call $at (local.get $base) (local.get $m) (local.get $col) (local.get $row)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $sum (f64.add (local.get $sum) (f64.mul (f64.load (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3)))) (f64.load (local.get $p)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $sum))

  ;; x ← x − 2·vDotX·v on rows row… of column col
  (func (export "update") (param $base i32) (param $m i32) (param $col i32) (param $row i32) (param $v i32) (param $len i32) (param $vDotX f64)
    (local $p i32) (local $i i32) (local $scale f64)
    (local.set $scale (f64.mul (f64.const 2) (local.get $vDotX)))
    (local.set $p (call $at (local.get $base) (local.get $m) (local.get $col) (local.get $row)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (f64.store (local.get $p) (f64.sub (f64.load (local.get $p)) (f64.mul (local.get $scale) (f64.load (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3)))))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

  ;; one column j of reflectAndDot (see there)
  (func $single (param $base i32) (param $m i32) (param $k i32) (param $j i32) (param $v i32) (param $len i32) (param $next i32) (param $shift i32) (param $dots i32)
    (local $p i32) (local $i i32) (local $s f64) (local $x f64) (local $d f64) (local $dj i32)
    (local.set $p (call $at (local.get $base) (local.get $m) (local.get $j) (local.get $k)))
    (local.set $dj (i32.add (local.get $dots) (i32.shl (local.get $j) (i32.const 3))))
    (local.set $s (f64.mul (f64.const 2) (f64.load (local.get $dj))))
    (if (i32.eqz (local.get $shift))
      (then
        (block $done (loop $row
          (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
          (f64.store (local.get $p) (f64.sub (f64.load (local.get $p)) (f64.mul (local.get $s) (f64.load (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3)))))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $row)))
        (return)))
    (if (i32.lt_s (local.get $shift) (i32.const 0))
      (then
        ;; next starts one row above v (Q's accumulation): that row is only read
        (local.set $d (f64.add (f64.const 0) (f64.mul (f64.load (local.get $next)) (f64.load (i32.sub (local.get $p) (i32.const 16))))))
        (local.set $next (i32.add (local.get $next) (i32.const 8))))
      (else
        ;; next starts one row below v (the factorization): v's first row is updated alone
        (f64.store (local.get $p) (f64.sub (f64.load (local.get $p)) (f64.mul (local.get $s) (f64.load (local.get $v)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $i (i32.const 1))
        (local.set $next (i32.sub (local.get $next) (i32.const 8)))))
    ;; here next + 8·i addresses the next-reflector entry of row k + i
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $x (f64.sub (f64.load (local.get $p)) (f64.mul (local.get $s) (f64.load (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3)))))))
      (f64.store (local.get $p) (local.get $x))
      (local.set $d (f64.add (local.get $d) (f64.mul (f64.load (i32.add (local.get $next) (i32.shl (local.get $i) (i32.const 3)))) (local.get $x))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row)))
    (f64.store (local.get $dj) (local.get $d)))

  ;; columns j … j+3 (j even) of reflectAndDot, two to a vector
  (func $quad (param $base i32) (param $m i32) (param $k i32) (param $j i32) (param $v i32) (param $len i32) (param $next i32) (param $shift i32) (param $dots i32)
    (local $p0 i32) (local $p1 i32) (local $i i32) (local $vi v128) (local $ni v128) (local $dj i32) (local $s0 v128) (local $s1 v128) (local $x0 v128) (local $x1 v128) (local $d0 v128) (local $d1 v128)
    (local.set $p0 (call $at (local.get $base) (local.get $m) (local.get $j) (local.get $k)))
    (local.set $p1 (i32.add (local.get $p0) (i32.shl (local.get $m) (i32.const 4))))
    (local.set $dj (i32.add (local.get $dots) (i32.shl (local.get $j) (i32.const 3))))
    (local.set $s0 (f64x2.mul (v128.const f64x2 2 2) (v128.load offset=0 (local.get $dj))))
    (local.set $s1 (f64x2.mul (v128.const f64x2 2 2) (v128.load offset=16 (local.get $dj))))
    (if (i32.eqz (local.get $shift))
      (then
        (block $done (loop $row
          (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $vi (v128.load64_splat (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $x0 (f64x2.sub (v128.load (local.get $p0)) (f64x2.mul (local.get $s0) (local.get $vi))))
      (v128.store (local.get $p0) (local.get $x0))
      (local.set $x1 (f64x2.sub (v128.load (local.get $p1)) (f64x2.mul (local.get $s1) (local.get $vi))))
      (v128.store (local.get $p1) (local.get $x1))
      (local.set $p0 (i32.add (local.get $p0) (i32.const 16)))
      (local.set $p1 (i32.add (local.get $p1) (i32.const 16)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $row)))
        (return)))
    (if (i32.lt_s (local.get $shift) (i32.const 0))
      (then
        (local.set $ni (v128.load64_splat (local.get $next)))
        (local.set $d0 (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $ni) (v128.load (i32.sub (local.get $p0) (i32.const 16))))))
        (local.set $d1 (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $ni) (v128.load (i32.sub (local.get $p1) (i32.const 16))))))
        (local.set $next (i32.add (local.get $next) (i32.const 8))))
      (else
        (local.set $vi (v128.load64_splat (local.get $v)))
        (v128.store (local.get $p0) (f64x2.sub (v128.load (local.get $p0)) (f64x2.mul (local.get $s0) (local.get $vi))))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 16)))
        (v128.store (local.get $p1) (f64x2.sub (v128.load (local.get $p1)) (f64x2.mul (local.get $s1) (local.get $vi))))
        (local.set $p1 (i32.add (local.get $p1) (i32.const 16)))
        (local.set $i (i32.const 1))
        (local.set $next (i32.sub (local.get $next) (i32.const 8)))))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $vi (v128.load64_splat (i32.add (local.get $v) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $ni (v128.load64_splat (i32.add (local.get $next) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $x0 (f64x2.sub (v128.load (local.get $p0)) (f64x2.mul (local.get $s0) (local.get $vi))))
      (v128.store (local.get $p0) (local.get $x0))
      (local.set $x1 (f64x2.sub (v128.load (local.get $p1)) (f64x2.mul (local.get $s1) (local.get $vi))))
      (v128.store (local.get $p1) (local.get $x1))
      (local.set $d0 (f64x2.add (local.get $d0) (f64x2.mul (local.get $ni) (local.get $x0))))
      (local.set $d1 (f64x2.add (local.get $d1) (f64x2.mul (local.get $ni) (local.get $x1))))
      (local.set $p0 (i32.add (local.get $p0) (i32.const 16)))
      (local.set $p1 (i32.add (local.get $p1) (i32.const 16)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $row)))
    (v128.store offset=0 (local.get $dj) (local.get $d0))
    (v128.store offset=16 (local.get $dj) (local.get $d1))
  )

  ;; Columns from … to−1, rows k…: x ← x − 2·dots[col]·v (v = v_k, `len` entries), and in the same pass
  ;; dots[col] ← next·x: shift −1 when next = v_{k−1} starts a row above (Q's accumulation), +1 when
  ;; next = v_{k+1} starts a row below (the factorization), 0 for no next (dots left alone).
  (func (export "reflectAndDot") (param $base i32) (param $m i32) (param $k i32) (param $from i32) (param $to i32)
        (param $v i32) (param $len i32) (param $next i32) (param $shift i32) (param $dots i32)
    (local $j i32)
    (local.set $j (local.get $from))
    (if (i32.and (i32.lt_u (local.get $j) (local.get $to)) (i32.and (local.get $j) (i32.const 1)))
      (then
        (call $single (local.get $base) (local.get $m) (local.get $k) (local.get $j) (local.get $v) (local.get $len) (local.get $next) (local.get $shift) (local.get $dots))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))))
    (block $done (loop $quads
      (br_if $done (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $to)))
      (call $quad (local.get $base) (local.get $m) (local.get $k) (local.get $j) (local.get $v) (local.get $len) (local.get $next) (local.get $shift) (local.get $dots))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $quads)))
    ;; the last one to three columns alone
    (block $done (loop $singles
      (br_if $done (i32.ge_u (local.get $j) (local.get $to)))
      (call $single (local.get $base) (local.get $m) (local.get $k) (local.get $j) (local.get $v) (local.get $len) (local.get $next) (local.get $shift) (local.get $dots))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $singles))))
)
