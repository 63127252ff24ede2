package io.reflex.recommender.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the models keep about one user: the last {@code maxEvents} events (a ring that grows on demand, so the
 * many one-off users stay small), the current session and a bounded set of purchased items. It is the per-user,
 * key-local part of the state: {@link #toBytes()} is deterministic so a cluster can store it under the user's key.
 */
public final class UserHistory {
    private static final byte FORMAT_VERSION = 1;
    private static final int INITIAL_CAPACITY = 4;

    /** Bounds of one history; configuration, so not part of the byte format. */
    public record Limits(int maxEvents, int maxPurchased, long sessionGapMillis) {
        public static Limits of(ModelSettings settings) {
            return new Limits(settings.maxHistoryPerUser(), settings.maxPurchasedPerUser(),
                    settings.sessionGapMillis());
        }
    }

    private final String user;
    private final Limits limits;
    private String[] items = new String[0];
    private byte[] types = new byte[0];
    private long[] times = new long[0];
    private int size;
    private int next; // ring slot of the next write
    private String session;
    private int sessionOrdinal;
    private int sessionLength;
    private long lastSeenMillis = Long.MIN_VALUE;
    private final LinkedHashSet<String> purchased = new LinkedHashSet<>();

    public UserHistory(String user, Limits limits) {
        this.user = user;
        this.limits = limits;
    }

    public String user() {
        return user;
    }

    /** Whether {@code e} opens a new session: another explicit session id, or an inactivity gap without ids. */
    public boolean startsNewSession(Interaction e) {
        if (size == 0) {
            return true;
        }
        if (e.session() != null) {
            return !e.session().equals(session);
        }
        return e.timeMillis() - lastSeenMillis > limits.sessionGapMillis();
    }

    public void record(Interaction e) {
        if (startsNewSession(e)) {
            sessionOrdinal++;
            sessionLength = 0;
            session = e.session();
        }
        push(e.item(), e.type(), e.timeMillis());
        sessionLength++;
        lastSeenMillis = Math.max(lastSeenMillis, e.timeMillis());
        if (e.type() == InteractionType.PURCHASE) {
            rememberPurchase(e.item());
        }
    }

    private void push(String item, InteractionType type, long time) {
        if (size == items.length && size < limits.maxEvents()) {
            grow();
        }
        items[next] = item;
        types[next] = (byte) type.ordinal();
        times[next] = time;
        next = (next + 1) % items.length;
        size = Math.min(size + 1, items.length);
    }

    /** Re-lays the ring oldest-first into bigger arrays. */
    private void grow() {
        int capacity = Math.min(limits.maxEvents(), Math.max(INITIAL_CAPACITY, items.length * 2));
        String[] newItems = new String[capacity];
        byte[] newTypes = new byte[capacity];
        long[] newTimes = new long[capacity];
        for (int age = size - 1, i = 0; age >= 0; age--, i++) {
            int slot = slot(age);
            newItems[i] = items[slot];
            newTypes[i] = types[slot];
            newTimes[i] = times[slot];
        }
        items = newItems;
        types = newTypes;
        times = newTimes;
        next = size % capacity;
    }

    private void rememberPurchase(String item) {
        purchased.remove(item); // re-insert: the most recent purchases are the ones kept
        purchased.add(item);
        if (purchased.size() > limits.maxPurchased()) {
            Iterator<String> oldest = purchased.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private int slot(int age) {
        if (age < 0 || age >= size) {
            throw new IndexOutOfBoundsException("age " + age + " of " + size);
        }
        return Math.floorMod(next - 1 - age, items.length);
    }

    /** Number of remembered events (at most {@link Limits#maxEvents()}). */
    public int size() {
        return size;
    }

    /** The item of the event {@code age} steps back; age 0 is the latest. */
    public String item(int age) {
        return items[slot(age)];
    }

    public InteractionType type(int age) {
        return InteractionType.values()[types[slot(age)]];
    }

    public long timeMillis(int age) {
        return times[slot(age)];
    }

    public long lastSeenMillis() {
        return lastSeenMillis;
    }

    /** Counts sessions; with {@link #user()} it names the current session uniquely. */
    public int sessionOrdinal() {
        return sessionOrdinal;
    }

    /** Remembered events of the current session, or 0 if the caller is in another session than the last event's. */
    public int currentSessionSize(String requestSession) {
        boolean otherSession = requestSession != null && session != null && !requestSession.equals(session);
        return otherSession ? 0 : Math.min(sessionLength, size);
    }

    /** Up to {@code limit} distinct items among the first {@code events} events back, most recent first. */
    public List<String> recentDistinctItems(int limit, int events) {
        int scan = Math.min(events, size);
        List<String> result = new ArrayList<>(Math.min(limit, scan));
        for (int age = 0; age < scan && result.size() < limit; age++) {
            String item = item(age);
            if (!result.contains(item)) { // a linear scan beats hashing for the few dozen items kept per user
                result.add(item);
            }
        }
        return result;
    }

    public List<String> recentDistinctItems(int limit) {
        return recentDistinctItems(limit, size);
    }

    public boolean hasPurchased(String item) {
        return purchased.contains(item);
    }

    public Set<String> purchased() {
        return Collections.unmodifiableSet(purchased);
    }

    /** Deterministic encoding: same history, same bytes. Limits are configuration and are not encoded. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + size * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeUTF(user);
            out.writeBoolean(session != null);
            if (session != null) {
                out.writeUTF(session);
            }
            out.writeInt(sessionOrdinal);
            out.writeInt(sessionLength);
            out.writeLong(lastSeenMillis);
            out.writeInt(size);
            for (int age = size - 1; age >= 0; age--) {
                int slot = slot(age);
                out.writeUTF(items[slot]);
                out.writeByte(types[slot]);
                out.writeLong(times[slot]);
            }
            out.writeInt(purchased.size());
            for (String item : purchased) {
                out.writeUTF(item);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes {@link #toBytes()}; if {@code limits} are smaller than the writer's, the newest entries are kept. */
    public static UserHistory fromBytes(byte[] bytes, Limits limits) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown UserHistory format " + version);
            }
            UserHistory history = new UserHistory(in.readUTF(), limits);
            history.session = in.readBoolean() ? in.readUTF() : null;
            history.sessionOrdinal = in.readInt();
            history.sessionLength = in.readInt();
            history.lastSeenMillis = in.readLong();
            int events = in.readInt();
            for (int i = 0; i < events; i++) {
                String item = in.readUTF();
                InteractionType type = InteractionType.values()[in.readByte()];
                history.push(item, type, in.readLong());
            }
            int purchases = in.readInt();
            for (int i = 0; i < purchases; i++) {
                history.rememberPurchase(in.readUTF());
            }
            return history;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
