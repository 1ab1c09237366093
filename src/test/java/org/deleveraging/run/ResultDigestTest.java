package org.deleveraging.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deleveraging.domain.Scenario;
import org.deleveraging.engine.Engine;
import org.deleveraging.engine.RunEvent;
import org.deleveraging.engine.RunListener;
import org.deleveraging.engine.RunResult;
import org.deleveraging.engine.StepMetrics;
import org.deleveraging.accounts.DemoData;
import org.deleveraging.policy.Policy;
import org.deleveraging.scenario.ScenarioCatalog;
import org.deleveraging.support.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Stored runs are checked against their digest: the buffered digest hashes the same bytes as the first one did. */
class ResultDigestTest {

    @ParameterizedTest
    @ValueSource(strings = {"bitmex", "capped-pro-rata", "hyperliquid"})
    void a_demo_crash_has_the_digest_it_always_had(String policyId) {
        RunResult r = crash(policyId);
        assertThat(r.events()).hasSizeGreaterThan(1000);
        assertThat(ResultDigest.of(r)).isEqualTo(ResultDigestAsFirstWritten.of(r));
    }

    @Test
    void missing_ids_and_amounts_non_ascii_text_and_long_fields_hash_as_they_always_did() {
        List<RunEvent> events = new ArrayList<>();
        String longId = "x".repeat(5000);
        String longUnicode = "é".repeat(3000);
        for (String id : List.of("A1", "Zürich-7", "账户", longId, longUnicode, ""))
            events.add(new RunEvent(1, 2, RunEvent.Kind.ADL, id, null, "BTCUSDT", null, new BigDecimal("1.500"), null,
                    new BigDecimal("-2E+3"), BigDecimal.ZERO, null, "r"));
        Map<String, BigDecimal> marks = new LinkedHashMap<>();
        marks.put("BTCUSDT", new BigDecimal("100000.10"));
        marks.put("ETH€", new BigDecimal("1E-8"));
        StepMetrics step = new StepMetrics(0, marks, 3, true, 4, BigDecimal.ONE, null, BigDecimal.TEN, BigDecimal.ZERO,
                BigDecimal.ZERO, 5, new BigDecimal("0.10"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO);
        RunResult r = new RunResult(events, List.of(step), List.of(), List.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of());
        assertThat(ResultDigest.of(r)).isEqualTo(ResultDigestAsFirstWritten.of(r));
    }

    /** The demo book under the 10-Oct crash. */
    private static RunResult crash(String policyId) {
        Policy policy = Fixtures.policy(policyId);
        Scenario oct10 = ScenarioCatalog.load("oct-10");
        return new Engine().run(policy.settings(), policy.newDecisions(), DemoData.accountSet(), oct10, oct10.seed(),
                RunListener.NONE);
    }
}
