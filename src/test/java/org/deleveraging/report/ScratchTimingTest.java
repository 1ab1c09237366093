package org.deleveraging.report;

import org.junit.jupiter.api.Test;

class ScratchTimingTest {
    @Test
    void time() throws Exception {
        long t0 = System.nanoTime();
        ReportFixture f = ReportFixture.get();
        long t1 = System.nanoTime();
        System.out.println("FIXTURE ms " + (t1 - t0) / 1_000_000);
        System.out.println("BITMEX " + f.bitmex.summary());
        System.out.println("CAPPED " + f.cappedProRata.summary());
        Report r = f.reports.build(f.both(), null);
        long t2 = System.nanoTime();
        System.out.println("BUILD ms " + (t2 - t1) / 1_000_000);
        for (RunReport rr : r.runs()) System.out.println("METRICS " + rr.metrics() + " queue " + rr.queue().map(q -> q.point()));
        var w = f.reports.report(f.both(), null, java.nio.file.Path.of("/tmp/f-report-small.html"));
        System.out.println("WRITE ms " + (System.nanoTime() - t2) / 1_000_000 + " bytes " + w.bytes());
    }
}
