package org.deleveraging.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The account index's buckets are stored with every run and read back weeks later, so their bytes are a format: the
 * index must encode exactly what the plain reading of that format below does (accounts in id order, each with its
 * events as gaps, an event it took part in twice listed once, then its queue places in the order added), and find
 * each account's entry in them.
 */
class AccountIndexTest {

    /** What one account took part in, in the order added. */
    private static final class Expected {
        final List<Integer> events = new ArrayList<>();
        final List<int[]> places = new ArrayList<>();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void encodesWhatThePlainReadingOfTheFormatDoes(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int accounts = 50 + random.nextInt(5000);  // from a few per bucket to many
        AccountIndex index = new AccountIndex();
        Map<String, Expected> expected = new TreeMap<>();
        int eventNo = 0;
        for (int k = random.nextInt(20_000); k > 0; k--) {
            eventNo += 1 + random.nextInt(3);
            // new String: the index must compare ids by value, not only by identity as the engine's shared strings
            String account = new String(id(random, accounts));
            index.event(account, eventNo);
            add(expected, account).events.add(eventNo);
            if (random.nextInt(3) == 0) {
                // a counterparty, sometimes the account itself (listed once)
                String counterparty = random.nextInt(10) == 0 ? account : id(random, accounts);
                index.event(counterparty, eventNo);
                List<Integer> events = add(expected, counterparty).events;
                if (events.isEmpty() || events.get(events.size() - 1) != eventNo) events.add(eventNo);
            }
            if (random.nextInt(2) == 0) {
                String placed = id(random, accounts);
                int point = random.nextInt(1 << 20), rank = 1 + random.nextInt(1 << 16);
                index.place(placed, point, rank);
                add(expected, placed).places.add(new int[] {point, rank});
            }
        }

        Map<Integer, byte[]> encoded = index.encode();

        Map<Integer, byte[]> plain = plainEncoding(expected);
        assertThat(encoded.keySet()).isEqualTo(plain.keySet());
        plain.forEach((bucket, bytes) -> assertThat(encoded.get(bucket)).as("bucket %d", bucket).isEqualTo(bytes));
        expected.forEach((account, e) -> {
            AccountIndex.Entry entry = AccountIndex.find(encoded.get(AccountIndex.bucket(account)), account);
            assertThat(entry.events()).as(account)
                    .containsExactly(e.events.stream().mapToInt(Integer::intValue).toArray());
            assertThat(entry.placePoints()).containsExactly(e.places.stream().mapToInt(p -> p[0]).toArray());
            assertThat(entry.placeRanks()).containsExactly(e.places.stream().mapToInt(p -> p[1]).toArray());
        });
        assertThat(AccountIndex.find(encoded.values().iterator().next(), "no-such-account")).isNull();
    }

    @Test
    void anIndexOfNothingHasNoBuckets() {
        assertThat(new AccountIndex().encode()).isEmpty();
    }

    private static String id(SplittableRandom random, int accounts) {
        return "A" + String.format("%06d", random.nextInt(accounts));
    }

    private static Expected add(Map<String, Expected> expected, String account) {
        return expected.computeIfAbsent(account, a -> new Expected());
    }

    /** The format, written the plain way: per bucket, its accounts in id order. */
    private static Map<Integer, byte[]> plainEncoding(Map<String, Expected> expected) {
        Map<Integer, ByteArrayOutputStream> buckets = new TreeMap<>();
        expected.forEach((account, e) -> {
            ByteArrayOutputStream out = buckets.computeIfAbsent(AccountIndex.bucket(account),
                    b -> new ByteArrayOutputStream());
            byte[] name = account.getBytes(StandardCharsets.UTF_8);
            varint(out, name.length);
            out.writeBytes(name);
            varint(out, e.events.size());
            int previous = 0;
            for (int no : e.events) {
                varint(out, no - previous);
                previous = no;
            }
            varint(out, e.places.size());
            for (int[] p : e.places) {
                varint(out, p[0]);
                varint(out, p[1]);
            }
        });
        Map<Integer, byte[]> out = new TreeMap<>();
        buckets.forEach((bucket, bytes) -> out.put(bucket, bytes.toByteArray()));
        return out;
    }

    private static void varint(ByteArrayOutputStream out, int v) {
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }
}
