package io.shopsense.engine.live;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Event;
import io.shopsense.core.store.EventStore;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.ConflictException;
import io.shopsense.engine.privacy.ErasedUsers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The write path: validate the whole batch (a bad event refuses the batch with its index and
 * field), resolve aliases to shoppers, refuse erased shoppers, append durably to the store, then
 * apply each new event to the live state and tell the listeners (experiment attribution, promotion
 * spend). Batches run concurrently and share store transactions (group commit, see {@link #commit});
 * erasure takes the write side of {@link #lock()} so an event can never slip in between an erasure's
 * check and its deletion.
 *
 * <p>Duplicates: an event whose id this process saw recently (the last {@value #RECENT_IDS} ids) is
 * neither stored nor applied again; the store itself skips ids it holds from before a restart (such
 * an event is then applied to live state once more).
 */
public final class Ingestor {
  private static final int MAX_ID = 256;
  private static final int MAX_TEXT = 10_000;
  private static final int MAX_SHOWN = 1000;
  private static final int RECENT_IDS = 200_000;
  private static final long FUTURE_SLACK = 86_400_000L;
  private static final int MAX_GROUP_EVENTS = 20_000;

  private final EventStore store;
  private final Identity identity;
  private final ErasedUsers erased;
  private final LiveState live;
  private final EngineClock clock;
  private final int maxBatch;
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final ReentrantLock commitLock = new ReentrantLock();
  private final ConcurrentLinkedQueue<Batch> pending = new ConcurrentLinkedQueue<>();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final Map<String, Boolean> recentIds = new LinkedHashMap<>(1024, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
      return size() > RECENT_IDS;
    }
  };

  public Ingestor(EventStore store, Identity identity, ErasedUsers erased, LiveState live, EngineClock clock, Config config) {
    this.store = store;
    this.identity = identity;
    this.erased = erased;
    this.live = live;
    this.clock = clock;
    this.maxBatch = config.getInt("engine.max_batch");
  }

  /** Called with every new event (user resolved) after it was stored and applied. */
  public void listen(Consumer<Event> l) {
    listeners.add(l);
  }

  /** Shared by ingestion (read) and erasure (write). */
  public ReadWriteLock lock() {
    return lock;
  }

  public long accepted() {
    return accepted.get();
  }

  public long refused() {
    return refused.get();
  }

  /** Ingests a batch; returns how many events were new. */
  public int ingest(List<Event> events) {
    if (events == null || events.isEmpty()) return 0;
    if (events.size() > maxBatch) {
      refused.addAndGet(events.size());
      throw new BadRequestException("events", "at most " + maxBatch + " events per batch, got " + events.size());
    }
    try {
      for (int i = 0; i < events.size(); i++) validate(events.get(i), i);
    } catch (BadRequestException e) {
      refused.addAndGet(events.size());
      throw e;
    }
    lock.readLock().lock();
    try {
      List<Event> resolved = new ArrayList<>(events.size());
      for (int i = 0; i < events.size(); i++) {
        Event e = events.get(i);
        String u = identity.resolve(e.user());
        if (erased.contains(u) || erased.contains(e.user())) {
          refused.addAndGet(events.size());
          throw new ConflictException("user", "shopper '" + e.user() + "' was erased (event " + i
              + "); re-create the shopper (recreate, or link an identity to them) before sending their events");
        }
        resolved.add(u.equals(e.user()) ? e : e.withUser(u));
      }
      // load each shopper's live state before their new events are stored, so loading (which
      // replays the stored history) cannot also replay the events applied below
      for (Event e : resolved) live.touch(e.user());
      Batch b = commit(resolved);
      for (Event e : b.novel) {
        clock.observe(e.time());
        live.apply(e);
        for (Consumer<Event> l : listeners) l.accept(e);
      }
      int fresh = b.fresh;
      accepted.addAndGet(fresh);
      return fresh;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** One caller's batch waiting for a group commit. */
  private static final class Batch {
    final List<Event> events;
    List<Event> novel = List.of();
    int fresh;
    RuntimeException error;
    boolean done;

    Batch(List<Event> events) {
      this.events = events;
    }
  }

  /**
   * Group commit: concurrent callers queue their batches and whoever holds the commit lock appends
   * everything queued in one store transaction (one fsync for many requests), then every caller
   * returns once its events are durable. Batches whose events carry ids are appended on their own,
   * because the store counts new events per call and duplicates must be told apart.
   */
  private Batch commit(List<Event> events) {
    Batch mine = new Batch(events);
    pending.add(mine);
    commitLock.lock();
    try {
      if (!mine.done) {
        List<Batch> group = new ArrayList<>();
        int total = 0;
        for (Batch b; total < MAX_GROUP_EVENTS && (b = pending.poll()) != null; ) {
          group.add(b);
          total += b.events.size();
        }
        try {
          boolean ids = false;
          for (Batch b : group) {
            b.novel = novel(b.events);
            ids |= b.novel.stream().anyMatch(e -> e.id() != null);
          }
          if (ids || group.size() == 1) {
            for (Batch b : group) b.fresh = b.novel.isEmpty() ? 0 : store.append(b.novel);
          } else {
            List<Event> all = new ArrayList<>(total);
            for (Batch b : group) all.addAll(b.novel);
            store.append(all);
            for (Batch b : group) b.fresh = b.novel.size(); // id-less events are always new
          }
        } catch (RuntimeException e) {
          for (Batch b : group) b.error = e;
        }
        for (Batch b : group) b.done = true;
      }
    } finally {
      commitLock.unlock();
    }
    if (!mine.done) throw new IllegalStateException("group commit lost a batch");
    if (mine.error != null) throw mine.error;
    return mine;
  }

  /**
   * The events whose id this process has not seen (id-less events always pass); their ids are
   * remembered. Runs under the commit lock, so two batches carrying the same id cannot both pass.
   * An id stored before a restart is not known here: the store skips the event, but it is applied
   * to live state once more.
   */
  private List<Event> novel(List<Event> events) {
    List<Event> out = new ArrayList<>(events.size());
    for (Event e : events) if (e.id() == null || recentIds.put(e.id(), Boolean.TRUE) == null) out.add(e);
    return out;
  }

  private void validate(Event e, int i) {
    String at = " (event " + i + ")";
    if (e == null) throw new BadRequestException("events", "event " + i + " is null");
    if (e.user().isBlank() || e.user().length() > MAX_ID) throw new BadRequestException("user", "user must be 1.." + MAX_ID + " characters" + at);
    if (e.type().needsItem() && (e.item() == null || e.item().isBlank())) {
      throw new BadRequestException("item", "item is required for " + e.type().wireName() + " events" + at);
    }
    if (e.item() != null && e.item().length() > MAX_ID) throw new BadRequestException("item", "item must be at most " + MAX_ID + " characters" + at);
    if (e.id() != null && (e.id().isBlank() || e.id().length() > MAX_ID)) throw new BadRequestException("id", "id must be 1.." + MAX_ID + " characters" + at);
    if (e.session() != null && e.session().length() > MAX_ID) throw new BadRequestException("session", "session must be at most " + MAX_ID + " characters" + at);
    if (e.time() <= 0) throw new BadRequestException("time", "time must be a positive epoch-ms time" + at);
    if (e.time() > clock.wall() + FUTURE_SLACK) throw new BadRequestException("time", "time is more than a day in the future" + at);
    if (e.value() != null && (e.value().isNaN() || e.value().isInfinite())) throw new BadRequestException("value", "value must be a finite number" + at);
    if (e.query() != null && e.query().length() > MAX_TEXT) throw new BadRequestException("query", "query is too long" + at);
    if (e.text() != null && e.text().length() > MAX_TEXT) throw new BadRequestException("text", "text is too long" + at);
    if (e.items() != null && e.items().size() > MAX_SHOWN) throw new BadRequestException("items", "at most " + MAX_SHOWN + " shown items" + at);
  }
}
