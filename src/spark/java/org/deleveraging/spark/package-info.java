/**
 * The sweep on Apache Spark ({@link org.deleveraging.spark.SparkSweep}, {@link org.deleveraging.spark.SparkExecutor}):
 * compiled as tests in the default build (against the test-scoped Spark; {@code SparkSweepTest} runs a sweep on
 * {@code local[2]} and requires the local runner's metrics) and packaged by {@code mvn -B -Pspark -DskipTests package}
 * into {@code target/spark/adl-workbench-spark-0.1.0.jar} (main classes and these, no Spark) with the jars the
 * executors need in {@code target/spark/lib}. From the project root, on a Spark 4.0 cluster (Scala 2.13, Java 17):
 * <pre>
 * spark-submit --master spark://host:7077 --class org.deleveraging.spark.SparkSweep \
 *   --jars $(ls target/spark/lib/*.jar | paste -sd,) target/spark/adl-workbench-spark-0.1.0.jar \
 *   --file src/main/resources/sweeps/hundred-points.yaml
 * </pre>
 * A Drools {@code KieBase} is not serialisable: tasks carry each variant's text and each executor JVM compiles it
 * once ({@link org.deleveraging.spark.ExecutorPolicies}). Tasks and results go by Java serialisation (the domain is
 * records), so the job needs none of the {@code --add-opens} flags Kryo would.
 */
package org.deleveraging.spark;
