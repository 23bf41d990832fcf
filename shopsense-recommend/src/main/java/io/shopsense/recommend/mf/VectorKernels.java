package io.shopsense.recommend.mf;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD forms of {@link MfKernels}, on the JDK's incubating Vector API. Only loaded when the JVM
 * was started with {@code --add-modules jdk.incubator.vector}; HotSpot's auto-vectorizer cannot
 * help here because the operands sit at unrelated offsets of float arrays it must assume overlap.
 */
final class VectorKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorKernels() {}

  static int lanes() {
    return L;
  }

  static float dot(float[] a, int ao, float[] b, int bo, int n) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    FloatVector s2 = FloatVector.zero(S);
    FloatVector s3 = FloatVector.zero(S);
    int k = 0;
    // four accumulators hide the fused multiply-add latency
    for (; k + 4 * L <= n; k += 4 * L) {
      s0 = FloatVector.fromArray(S, a, ao + k).fma(FloatVector.fromArray(S, b, bo + k), s0);
      s1 = FloatVector.fromArray(S, a, ao + k + L).fma(FloatVector.fromArray(S, b, bo + k + L), s1);
      s2 = FloatVector.fromArray(S, a, ao + k + 2 * L).fma(FloatVector.fromArray(S, b, bo + k + 2 * L), s2);
      s3 = FloatVector.fromArray(S, a, ao + k + 3 * L).fma(FloatVector.fromArray(S, b, bo + k + 3 * L), s3);
    }
    for (; k + L <= n; k += L) s0 = FloatVector.fromArray(S, a, ao + k).fma(FloatVector.fromArray(S, b, bo + k), s0);
    float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; k < n; k++) s += a[ao + k] * b[bo + k];
    return s;
  }

  static void axpy(float[] y, int yo, float s, float[] x, int xo, int n) {
    FloatVector sv = FloatVector.broadcast(S, s);
    int k = 0;
    for (; k + L <= n; k += L) {
      FloatVector.fromArray(S, x, xo + k).fma(sv, FloatVector.fromArray(S, y, yo + k)).intoArray(y, yo + k);
    }
    for (; k < n; k++) y[yo + k] += s * x[xo + k];
  }

  static void bprStep(float[] u, int uo, float[] v, int io, int jo, int n, float z, float lr, float reg) {
    FloatVector g = FloatVector.broadcast(S, z * lr);
    FloatVector decay = FloatVector.broadcast(S, 1f - lr * reg);
    int k = 0;
    for (; k + L <= n; k += L) {
      FloatVector uf = FloatVector.fromArray(S, u, uo + k);
      FloatVector vi = FloatVector.fromArray(S, v, io + k);
      FloatVector vj = FloatVector.fromArray(S, v, jo + k);
      uf.mul(decay).add(vi.sub(vj).mul(g)).intoArray(u, uo + k);
      vi.mul(decay).add(uf.mul(g)).intoArray(v, io + k);
      vj.mul(decay).sub(uf.mul(g)).intoArray(v, jo + k);
    }
    MfKernels.bprStepScalar(u, uo, v, io, jo, k, n, z, lr, reg);
  }
}
