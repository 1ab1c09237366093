/**
 * The sweep on Apache Spark: the job's classes, compiled as tests in the default build (against the test-scoped
 * Spark, run by {@code SparkLocalSmokeTest} on {@code local[2]}) and packaged by {@code mvn -B -Pspark -DskipTests
 * package} into {@code target/spark/adl-workbench-spark-0.1.0.jar} (main classes and these, no Spark) with the jars
 * the executors need in {@code target/spark/lib}. From the project root, on a Spark 4.0 cluster (Scala 2.13):
 * <pre>
 * spark-submit --master spark://host:7077 --class org.deleveraging.spark.&lt;Main&gt; \
 *   --jars $(ls target/spark/lib/*.jar | paste -sd,) target/spark/adl-workbench-spark-0.1.0.jar ...
 * </pre>
 * A Drools {@code KieBase} is not serialisable: tasks carry what names a policy and each executor JVM compiles it
 * once ({@link org.deleveraging.spark.ExecutorPolicies}).
 */
package org.deleveraging.spark;
