package io.shopsense.spark;

import io.shopsense.recommend.mf.FactorModel;
import org.apache.spark.ml.recommendation.ALSModel;

/**
 * One Spark ALS training: the model in our format and where the time went.
 *
 * @param model Spark's user and item factors in our row order ({@link FactorModel#write} writes it)
 * @param sparkModel Spark's own fitted model (its factors are those of {@code model}), for Spark-side use
 * @param regParam the {@code regParam} Spark was given (see {@link RegularizationMapping})
 * @param blocks user blocks = item blocks
 * @param prepareSeconds matrix to a cached Spark DataFrame (rows built on the driver, partitioned, counted)
 * @param fitSeconds {@code ALS.fit}: every iteration, and the final factors materialized
 * @param collectSeconds factors collected to the driver and mapped back through our id indexes
 * @param fitCpuSeconds process CPU time during {@code ALS.fit} (all threads of this JVM), or NaN
 */
public record SparkAlsRun(FactorModel model, ALSModel sparkModel, double regParam, int blocks, double prepareSeconds, double fitSeconds,
    double collectSeconds, double fitCpuSeconds) {}
