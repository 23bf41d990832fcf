package io.shopsense.recommend.mf;

/**
 * Float kernels over flat row-major factor arrays ({@code row * f + k}). Hand-written because these
 * few loops are where matrix factorization spends nearly all its time and a BLAS call per 64-float
 * row would cost more than its arithmetic. When the JVM runs with {@code --add-modules
 * jdk.incubator.vector} they use SIMD ({@link VectorKernels}, 3-4x faster); otherwise unrolled
 * scalar code whose eight independent accumulators let the adds pipeline. Both sum in a fixed
 * order, so results are deterministic for one JVM setup (the two setups differ in the last bits).
 * No allocation; every method is static and thread-safe.
 */
public final class MfKernels {
  private static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
      && !Boolean.getBoolean("shopsense.simd.off") && VectorKernels.lanes() >= 4;

  private MfKernels() {}

  /** True when the SIMD kernels are in use. */
  public static boolean simd() {
    return SIMD;
  }

  /** {@code a[ao..ao+n) · b[bo..bo+n)}. */
  public static float dot(float[] a, int ao, float[] b, int bo, int n) {
    return SIMD ? VectorKernels.dot(a, ao, b, bo, n) : dotScalar(a, ao, b, bo, n);
  }

  static float dotScalar(float[] a, int ao, float[] b, int bo, int n) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int k = 0;
    for (; k + 7 < n; k += 8) {
      s0 += a[ao + k] * b[bo + k];
      s1 += a[ao + k + 1] * b[bo + k + 1];
      s2 += a[ao + k + 2] * b[bo + k + 2];
      s3 += a[ao + k + 3] * b[bo + k + 3];
      s4 += a[ao + k + 4] * b[bo + k + 4];
      s5 += a[ao + k + 5] * b[bo + k + 5];
      s6 += a[ao + k + 6] * b[bo + k + 6];
      s7 += a[ao + k + 7] * b[bo + k + 7];
    }
    for (; k < n; k++) s0 += a[ao + k] * b[bo + k];
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** {@code u[uo..uo+n) · (v[io..io+n) − v[jo..jo+n))}, one pass for BPR's score difference. */
  public static float dotDiff(float[] u, int uo, float[] v, int io, int jo, int n) {
    if (SIMD) return VectorKernels.dotDiff(u, uo, v, io, jo, n);
    return dotDiffScalar(u, uo, v, io, jo, 0, n);
  }

  static float dotDiffScalar(float[] u, int uo, float[] v, int io, int jo, int from, int n) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int k = from;
    for (; k + 3 < n; k += 4) {
      s0 += u[uo + k] * (v[io + k] - v[jo + k]);
      s1 += u[uo + k + 1] * (v[io + k + 1] - v[jo + k + 1]);
      s2 += u[uo + k + 2] * (v[io + k + 2] - v[jo + k + 2]);
      s3 += u[uo + k + 3] * (v[io + k + 3] - v[jo + k + 3]);
    }
    for (; k < n; k++) s0 += u[uo + k] * (v[io + k] - v[jo + k]);
    return (s0 + s1) + (s2 + s3);
  }

  /** {@code y[yo..yo+n) += s * x[xo..xo+n)}. */
  public static void axpy(float[] y, int yo, float s, float[] x, int xo, int n) {
    if (SIMD) VectorKernels.axpy(y, yo, s, x, xo, n);
    else axpyScalar(y, yo, s, x, xo, n);
  }

  static void axpyScalar(float[] y, int yo, float s, float[] x, int xo, int n) {
    for (int k = 0; k < n; k++) y[yo + k] += s * x[xo + k];
  }

  /** The bfloat16 nearest to x (round to nearest even): the top 16 bits of its float encoding. */
  public static short toBfloat16(float x) {
    int bits = Float.floatToRawIntBits(x);
    return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
  }

  /** The float value of a bfloat16. */
  public static float fromBfloat16(short h) {
    return Float.intBitsToFloat(h << 16);
  }

  /**
   * Adds scores for a block of items whose factors are stored factor-major as bfloat16:
   * {@code out[oo + j] += Σ_k u[uo + k] * blk[base + k * stride + j]} for j in {@code [0, len)}.
   * Several items' sums stay in registers across the whole factor loop, so the block is streamed
   * once and the output touched once; bfloat16 halves the bytes streamed, which bound the speed.
   */
  public static void scoreBlock(float[] u, int uo, int f, short[] blk, int base, int stride, float[] out, int oo, int len) {
    if (SIMD) {
      VectorKernels.scoreBlock(u, uo, f, blk, base, stride, out, oo, len);
    } else {
      scoreBlockScalar(u, uo, f, blk, base, stride, out, oo, 0, len);
    }
  }

  /**
   * One item's entry of {@link #scoreBlock}, bit for bit: the SIMD kernel scores the items of the
   * block's full lane groups with fused multiply-adds and the rest (every item, without SIMD) with a
   * separate multiply and add, both over k in order. {@code at} is the item's position in its block
   * of {@code len} items, {@code init} what the kernel found in {@code out} (the bias or 0).
   */
  static float scoreOne(float[] u, int uo, int f, short[] blk, int base, int stride, float init, int at, int len) {
    float a = init;
    int o = base + at;
    if (SIMD && at < len / VectorKernels.lanes() * VectorKernels.lanes()) {
      for (int k = 0; k < f; k++, o += stride) a = Math.fma(Float.intBitsToFloat(blk[o] << 16), u[uo + k], a);
    } else {
      for (int k = 0; k < f; k++, o += stride) a += u[uo + k] * Float.intBitsToFloat(blk[o] << 16);
    }
    return a;
  }

  static void scoreBlockScalar(float[] u, int uo, int f, short[] blk, int base, int stride, float[] out, int oo,
      int from, int len) {
    int j = from;
    for (; j + 7 < len; j += 8) {
      float a0 = out[oo + j], a1 = out[oo + j + 1], a2 = out[oo + j + 2], a3 = out[oo + j + 3];
      float a4 = out[oo + j + 4], a5 = out[oo + j + 5], a6 = out[oo + j + 6], a7 = out[oo + j + 7];
      for (int k = 0, o = base + j; k < f; k++, o += stride) {
        float uk = u[uo + k];
        a0 += uk * Float.intBitsToFloat(blk[o] << 16);
        a1 += uk * Float.intBitsToFloat(blk[o + 1] << 16);
        a2 += uk * Float.intBitsToFloat(blk[o + 2] << 16);
        a3 += uk * Float.intBitsToFloat(blk[o + 3] << 16);
        a4 += uk * Float.intBitsToFloat(blk[o + 4] << 16);
        a5 += uk * Float.intBitsToFloat(blk[o + 5] << 16);
        a6 += uk * Float.intBitsToFloat(blk[o + 6] << 16);
        a7 += uk * Float.intBitsToFloat(blk[o + 7] << 16);
      }
      out[oo + j] = a0; out[oo + j + 1] = a1; out[oo + j + 2] = a2; out[oo + j + 3] = a3;
      out[oo + j + 4] = a4; out[oo + j + 5] = a5; out[oo + j + 6] = a6; out[oo + j + 7] = a7;
    }
    for (; j < len; j++) {
      float a = out[oo + j];
      for (int k = 0, o = base + j; k < f; k++, o += stride) a += u[uo + k] * Float.intBitsToFloat(blk[o] << 16);
      out[oo + j] = a;
    }
  }

  /** {@code out[oo..oo+f) = m · v[vo..vo+f)} for a symmetric row-major f x f matrix, as axpys over its rows. */
  public static void symMatVec(float[] m, float[] v, int vo, float[] out, int oo, int f) {
    java.util.Arrays.fill(out, oo, oo + f, 0f);
    for (int b = 0; b < f; b++) axpy(out, oo, v[vo + b], m, b * f, f);
  }

  /**
   * One BPR stochastic-gradient step on user row {@code uo} and item rows {@code io} (positive) and
   * {@code jo} (negative): with {@code g = lr * z}, {@code u += g (v_i - v_j) - lr reg u},
   * {@code v_i += g u - lr reg v_i}, {@code v_j -= g u + lr reg v_j}, all from the old u.
   */
  public static void bprStep(float[] u, int uo, float[] v, int io, int jo, int n, float z, float lr, float reg) {
    if (SIMD) VectorKernels.bprStep(u, uo, v, io, jo, n, z, lr, reg);
    else bprStepScalar(u, uo, v, io, jo, 0, n, z, lr, reg);
  }

  static void bprStepScalar(float[] u, int uo, float[] v, int io, int jo, int from, int n, float z, float lr, float reg) {
    float g = z * lr;
    float decay = 1f - lr * reg;
    for (int k = from; k < n; k++) {
      float uf = u[uo + k];
      float vi = v[io + k];
      float vj = v[jo + k];
      u[uo + k] = uf * decay + (vi - vj) * g;
      v[io + k] = vi * decay + uf * g;
      v[jo + k] = vj * decay - uf * g;
    }
  }

  /** The cosine of two rows, 0 when either is zero. */
  public static double cosine(float[] a, int ao, float[] b, int bo, int n) {
    double ab = 0, aa = 0, bb = 0;
    for (int k = 0; k < n; k++) {
      ab += (double) a[ao + k] * b[bo + k];
      aa += (double) a[ao + k] * a[ao + k];
      bb += (double) b[bo + k] * b[bo + k];
    }
    return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
  }
}
