package org.deleveraging.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.scala.DefaultScalaModule;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deleveraging.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import scala.Option;
import scala.Tuple2;

/**
 * The Spark plumbing works on this JVM: a {@code local[2]} context starts with the surefire argLine's
 * {@code --add-opens}, and its tasks compile a policy (a Drools {@code KieBase}) through the job's own class
 * {@link ExecutorPolicies}, each getting the hash the driver gets. Runs from the project root, as surefire does.
 */
class SparkLocalSmokeTest {
    @Test
    void tasks_on_local_2_compile_the_policy_the_driver_compiles() {
        String expected = new PolicyLoader(Path.of("rules")).load(Path.of("policies/bitmex")).hash();
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("spark-local-smoke-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.default.parallelism", "2")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            List<Integer> tasks = IntStream.range(0, 4).boxed().toList();
            // four tasks on two threads, then a shuffle (the sweep will group results), through Kryo as a job would
            Map<String, Integer> tasksByHash = spark.parallelize(tasks, 4)
                    .mapToPair(task -> new Tuple2<>(ExecutorPolicies.hashOf("policies", "rules", "bitmex"), 1))
                    .reduceByKey(Integer::sum, 2)
                    .collectAsMap();
            assertThat(tasksByHash).containsExactly(entry(expected, 4));
        }
    }

    /** Spark's Scala module for Jackson refuses a jackson-databind of another minor; Boot's BOM manages both. */
    @Test
    void the_scala_module_accepts_the_jackson_databind_beside_it() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new DefaultScalaModule());
        assertThat(mapper.writeValueAsString(Option.apply("x"))).isEqualTo("\"x\"");
    }
}
