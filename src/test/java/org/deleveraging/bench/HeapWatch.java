package org.deleveraging.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The most heap a run kept alive: the largest heap in use just after any garbage collection. What survives a young
 * collection may still include old garbage that the next mixed or full collection would free, so this is an upper
 * bound; {@link #retainedMb} gives the lower one. Reads the JVM's GC notifications, so it costs nothing between
 * collections. Together with a run under {@code -Xmx2g} it answers "do 1M positions fit in a 2 GB heap".
 */
final class HeapWatch implements AutoCloseable {
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final NotificationListener listener = (notification, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) return;
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = 0;
        for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet())
            if (heapPools.contains(e.getKey())) used += e.getValue().getUsed();
        peakAfterGc.accumulateAndGet(used, Math::max);
    };

    HeapWatch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
            if (gc instanceof NotificationEmitter e) e.addNotificationListener(listener, null, null);
    }

    /** Live heap at its peak so far, in MB (heap pools only: metaspace and code cache are not counted). */
    long peakLiveMb() { return peakAfterGc.get() / (1024 * 1024); }

    static long maxHeapMb() { return Runtime.getRuntime().maxMemory() / (1024 * 1024); }

    /**
     * The heap in use after a full collection while {@code kept} is still referenced: the book and a run's result,
     * what a caller of the engine holds once the run is over. A peak taken after young collections also counts old
     * garbage not yet collected; this does not.
     */
    static long retainedMb(Object kept) {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        java.lang.ref.Reference.reachabilityFence(kept);
        return used / (1024 * 1024);
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
            if (gc instanceof NotificationEmitter e) {
                try {
                    e.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // never added
                }
            }
    }
}
