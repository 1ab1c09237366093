package org.deleveraging.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deleveraging.policy.PolicyFile;
import org.deleveraging.sweep.NewSweep;
import org.deleveraging.sweep.PointResult;
import org.deleveraging.sweep.StoredSweep;
import org.deleveraging.sweep.SweepRepository;

/** The {@link SweepRepository} port in memory, for tests of what reads sweeps (the report) without H2. */
public final class InMemorySweeps implements SweepRepository {
    private static final Instant CREATED = Instant.parse("2026-12-07T10:00:00Z");
    private final Map<Long, StoredSweep> sweeps = new LinkedHashMap<>();
    private final Map<Long, List<PointResult>> points = new LinkedHashMap<>();

    private final Map<Long, NewSweep> started = new LinkedHashMap<>();

    /** A sweep with nothing to resume from: what the report's tests need. */
    public long createSweep(String name, String source, String definition, int pointCount, String engineVersion) {
        return createSweep(new NewSweep(name, source, definition, pointCount, engineVersion, Map.of(), Map.of(),
                Map.of()));
    }

    @Override
    public long createSweep(NewSweep n) {
        long id = sweeps.size() + 1;
        sweeps.put(id, new StoredSweep(id, n.name(), n.source(), n.definition(), n.points(), 0, n.engineVersion(),
                CREATED));
        points.put(id, new ArrayList<>());
        started.put(id, n);
        return id;
    }

    @Override
    public NewSweep started(long sweepId) { return started.get(sweepId); }

    @Override
    public List<PolicyFile> policyFiles(String policyHash) { return List.of(); }

    @Override
    public void savePolicySnapshot(String policyHash, String policyId, int version, List<PolicyFile> files) {}

    @Override
    public void savePoint(long sweepId, PointResult point) {
        List<PointResult> kept = points.get(sweepId);
        if (kept.stream().anyMatch(p -> p.point().number() == point.point().number()))
            throw new IllegalStateException("point " + point.point().number() + " stored twice");
        kept.add(point);
        kept.sort(Comparator.comparingInt(p -> p.point().number()));
        StoredSweep s = sweeps.get(sweepId);
        sweeps.put(sweepId, new StoredSweep(s.id(), s.name(), s.source(), s.definition(), s.points(), kept.size(),
                s.engineVersion(), s.createdAt()));
    }

    @Override
    public List<StoredSweep> sweeps() { return sweeps.values().stream().sorted(Comparator.comparingLong(
            StoredSweep::id).reversed()).toList(); }

    @Override
    public Optional<StoredSweep> sweep(long id) { return Optional.ofNullable(sweeps.get(id)); }

    @Override
    public List<PointResult> points(long sweepId) { return List.copyOf(points.getOrDefault(sweepId, List.of())); }
}
