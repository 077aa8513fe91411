// Oracle harness: runs a scenario script's Curator subset against a real ZooKeeper with real
// Curator 5.4, printing what ZooScope's `zooscope run` is to print for the same script.
//
// Usage: java -cp CP:DIR Harness BASEPORT < script.cur
// Server k is 127.0.0.1:BASEPORT+k (started by record.sh). Every line form and every printed
// line is specified in README.md next to this file.

package zooscope.oracle;

import java.io.*;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicBoolean;

import jdk.jshell.*;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.barriers.DistributedBarrier;
import org.apache.curator.framework.recipes.barriers.DistributedDoubleBarrier;
import org.apache.curator.framework.recipes.cache.*;
import org.apache.curator.framework.recipes.leader.*;
import org.apache.curator.framework.recipes.locks.*;
import org.apache.curator.framework.recipes.queue.*;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.framework.recipes.shared.SharedCountListener;
import org.apache.curator.framework.recipes.shared.SharedCountReader;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;

public final class Harness {
    /** Quiet period that ends a line's settling, and the bound on waiting for a result. */
    static final long QUIET_MS = 1200, RESULT_MS = 2000, SETTLE_MAX_MS = 30000;

    static volatile long lastOutput = System.nanoTime();
    /**
     * While a line's own operation runs, output of every other thread (listeners, callbacks,
     * watchers, other clients) is held in `pending` and printed right after the operation's
     * own result, so that the order of a result and the events it set off is deterministic.
     */
    static volatile Thread owner;
    static final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** Make the current thread the line's owner (its output goes straight out). */
    static void own() {
        synchronized (out) {
            owner = Thread.currentThread();
        }
    }

    /** End ownership: print what other threads said meanwhile. */
    static void release() {
        synchronized (out) {
            owner = null;
            out.write(pending.toByteArray(), 0, pending.size());
            out.flush();
            pending.reset();
        }
    }
    static PrintStream out;
    static int basePort;
    static final Map<String, Client> CLIENTS = new LinkedHashMap<>();

    /** One `client NAME SERVERS`: a CuratorFramework, its JShell and its recipe objects. */
    static final class Client {
        final String name;
        final CuratorFramework cf;
        final ExecutorService worker;
        JShell shell;
        final Map<String, Blocking> holders = new HashMap<>();
        final Map<String, Object> recipes = new HashMap<>();

        Client(String name, CuratorFramework cf) {
            this.name = name;
            this.cf = cf;
            this.worker = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        }
    }

    /** A recipe object with its own thread (locks are owned per thread). */
    static final class Blocking {
        final ExecutorService thread;
        final Object recipe;
        final Deque<Lease> leases = new ArrayDeque<>();

        Blocking(ExecutorService thread, Object recipe) {
            this.thread = thread;
            this.recipe = recipe;
        }

        Blocking(String label, Object recipe) {
            this.recipe = recipe;
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, label);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Called by the JShell prelude: the CuratorFramework of client NAME. */
    public static CuratorFramework framework(String name) {
        return CLIENTS.get(name).cf;
    }

    public static void main(String[] args) throws Exception {
        basePort = Integer.parseInt(args[0]);
        OutputStream raw = new FileOutputStream(FileDescriptor.out);
        OutputStream tracking = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                lastOutput = System.nanoTime();
                Thread o = owner;
                if (o != null && o != Thread.currentThread()) {
                    pending.write(b, off, len);
                } else {
                    raw.write(b, off, len);
                }
            }
        };
        out = new PrintStream(tracking, true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) continue;
            say("> " + text);
            try {
                runLine(text);
            } catch (Exception e) {
                say("harness error: " + e);
            }
        }
        for (Client c : CLIENTS.values()) {
            c.worker.shutdownNow();
        }
        out.flush();
        Runtime.getRuntime().halt(0);
    }

    static void say(String s) {
        synchronized (out) {
            out.println(s);
        }
    }

    static void runLine(String text) throws Exception {
        String[] w = text.split("\\s+");
        switch (w[0]) {
            case "ensemble":
            case "start":
                settle(null);
                return;
            case "wait":
                Thread.sleep(durationMs(w[1]));
                settle(null);
                return;
            case "client":
                newClient(w[1], w[2], w.length > 4 && w[3].equals("namespace") ? w[4] : null);
                return;
            case "srvr": case "stat": case "wchs": case "wchc": case "wchp": case "cons": case "dump":
                fourLetter(w[0], Integer.parseInt(w[1]));
                return;
            default:
        }
        Client c = CLIENTS.get(w[0]);
        if (c == null || w.length < 2) {
            say("unknown line: " + text);
            return;
        }
        String rest = text.substring(text.indexOf(w[1]) + w[1].length()).strip();
        switch (w[1]) {
            case "curator": curator(c, rest); break;
            case "cache": cache(c, w[2], w[3], w.length > 4 ? w[4] : null); break;
            case "lock": lock(c, w, true); break;
            case "unlock": lock(c, w, false); break;
            case "latch": latch(c, w[2], w[3]); break;
            case "select": select(c, w[2]); break;
            case "resign": resign(c, w[2]); break;
            case "barrier": barrier(c, w[2], w[3]); break;
            case "double-barrier": doubleBarrier(c, w[2], w[3], Integer.parseInt(w[4])); break;
            case "queue": queue(c, w[2], w[3], w.length > 4 ? rest.substring(rest.indexOf(w[3]) + w[3].length()).strip() : null); break;
            case "count": count(c, w[2], w[3], w.length > 4 ? Integer.parseInt(w[4]) : 0); break;
            default: say("unknown line: " + text);
        }
    }

    static long durationMs(String d) {
        if (d.endsWith("ms")) return Long.parseLong(d.substring(0, d.length() - 2));
        if (d.endsWith("s")) return 1000 * Long.parseLong(d.substring(0, d.length() - 1));
        if (d.endsWith("m")) return 60000 * Long.parseLong(d.substring(0, d.length() - 1));
        throw new IllegalArgumentException("bad duration " + d);
    }

    /** Wait until `own` is done (bounded) and then until nothing has been printed for QUIET_MS. */
    static void settle(Future<?> own) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            Thread.sleep(25);
            long now = System.nanoTime();
            // A line's own operation (a JShell statement: compiling it can take seconds on a
            // loaded machine) is waited for up to SETTLE_MAX_MS; blocking recipe calls are not
            // passed here (they print "waiting" after RESULT_MS instead).
            boolean ownDone = own == null || own.isDone();
            if (ownDone && (now - lastOutput) / 1_000_000 >= QUIET_MS) return;
            if ((now - start) / 1_000_000 > SETTLE_MAX_MS) return;
        }
    }

    static void newClient(String name, String servers, String namespace) throws Exception {
        StringBuilder connect = new StringBuilder();
        for (String k : servers.split(",")) {
            if (connect.length() > 0) connect.append(',');
            connect.append("127.0.0.1:").append(basePort + Integer.parseInt(k));
        }
        // The course's client: ExponentialBackoffRetry(3000, 10), 60 s session, 15 s connection.
        CuratorFrameworkFactory.Builder b = CuratorFrameworkFactory.builder()
                .connectString(connect.toString())
                .sessionTimeoutMs(60 * 1000)
                .connectionTimeoutMs(15 * 1000)
                .retryPolicy(new ExponentialBackoffRetry(3000, 10));
        if (namespace != null) b.namespace(namespace);
        CuratorFramework cf = b.build();
        Client c = new Client(name, cf);
        CLIENTS.put(name, c);
        cf.getConnectionStateListenable().addListener((client, state) -> say(name + ": " + state));
        cf.start();
        cf.blockUntilConnected(15, TimeUnit.SECONDS);
        settle(null);
        String map = System.getProperty("sessionmap");
        if (map != null) {
            long sid = cf.getZookeeperClient().getZooKeeper().getSessionId();
            try (FileWriter fw = new FileWriter(map, true)) {
                fw.write(name + " " + Long.toHexString(sid) + " " + sid + "\n");
            }
        }
        c.shell = newShell(name);
    }

    // ---- `NAME curator STATEMENT` ------------------------------------------------------------

    static final String PRELUDE_IMPORTS = String.join("\n",
            "import java.util.*;",
            "import java.util.concurrent.TimeUnit;",
            "import org.apache.curator.framework.*;",
            "import org.apache.curator.framework.api.*;",
            "import org.apache.curator.framework.api.transaction.*;",
            "import org.apache.curator.framework.recipes.cache.*;",
            "import org.apache.curator.framework.recipes.locks.*;",
            "import org.apache.curator.framework.recipes.leader.*;",
            "import org.apache.curator.framework.recipes.barriers.*;",
            "import org.apache.curator.framework.recipes.shared.*;",
            "import org.apache.curator.framework.recipes.queue.*;",
            "import org.apache.curator.retry.*;",
            "import org.apache.zookeeper.*;",
            "import org.apache.zookeeper.data.*;");

    static JShell newShell(String name) throws Exception {
        JShell shell = JShell.builder()
                .executionEngine(new ExecutionControlProvider() {
                    public String name() { return "harness-direct"; }
                    public ExecutionControl generate(ExecutionEnv env, Map<String, String> params) {
                        return new DirectExecutionControl();
                    }
                }, Map.of())
                .out(out).err(out)
                .build();
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
            shell.addToClasspath(p);
        }
        Client c = CLIENTS.get(name);
        Future<?> f = c.worker.submit(() -> {
            for (String imp : PRELUDE_IMPORTS.split("\n")) evalQuiet(shell, imp);
            evalQuiet(shell, "CuratorFramework client = zooscope.oracle.Harness.framework(\"" + name + "\");");
            // The course's callback (testDelete4): prints 我被删除了~ and the CuratorEvent.
            evalQuiet(shell, "BackgroundCallback callback = new BackgroundCallback() { public void processResult(CuratorFramework client, CuratorEvent event) throws Exception { System.out.println(\"我被删除了~\"); System.out.println(event); } };");
            return null;
        });
        f.get();
        return shell;
    }

    static void evalQuiet(JShell shell, String src) {
        for (SnippetEvent e : shell.eval(src)) {
            if (e.status() == Snippet.Status.REJECTED) {
                throw new IllegalStateException("prelude rejected: " + src + " " + diagnostics(shell, e.snippet()));
            }
        }
    }

    static String diagnostics(JShell shell, Snippet s) {
        StringBuilder b = new StringBuilder();
        shell.diagnostics(s).forEach(d -> {
            if (d.isError()) {
                if (b.length() > 0) b.append("; ");
                b.append(d.getMessage(Locale.ROOT).replace('\n', ' '));
            }
        });
        return b.toString();
    }

    static void curator(Client c, String stmt) throws Exception {
        Future<?> f = c.worker.submit(() -> {
            own();
            try {
                evalStatement(c.shell, stmt);
            } finally {
                release();
            }
            return null;
        });
        settle(f);
    }

    /** Evaluate one statement; print its value as System.out.println would, or its exception. */
    static void evalStatement(JShell shell, String stmt) {
        String src = stmt.endsWith(";") ? stmt : stmt + ";";
        List<SnippetEvent> events = shell.eval(src);
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) continue;
            Snippet s = e.snippet();
            if (e.status() == Snippet.Status.REJECTED) {
                say("error: " + diagnostics(shell, s));
                return;
            }
            if (e.exception() != null) {
                say(javaToString(e.exception()));
                return;
            }
            String shown = null;
            if (stmt.contains(".inBackground(")) {
                // The value of a background call (null) would race its callback: not shown.
            } else if (s instanceof VarSnippet && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                String type = ((VarSnippet) s).typeName();
                if (!type.equals("Void") && !type.equals("java.lang.Void")) shown = ((VarSnippet) s).name();
            } else if (s instanceof ExpressionSnippet) {
                shown = ((ExpressionSnippet) s).name();
            }
            if (shown != null) {
                for (SnippetEvent p : shell.eval("System.out.println(" + shown + ");")) {
                    if (p.exception() != null) say(javaToString(p.exception()));
                }
            }
        }
    }

    static String javaToString(JShellException x) {
        if (x instanceof EvalException) {
            EvalException ee = (EvalException) x;
            return ee.getMessage() == null ? ee.getExceptionClassName() : ee.getExceptionClassName() + ": " + ee.getMessage();
        }
        if (x instanceof UnresolvedReferenceException) {
            return "error: unresolved reference in " + ((UnresolvedReferenceException) x).getSnippet().source().strip();
        }
        return x.toString();
    }

    static String javaToString(Throwable t) {
        return t.toString();
    }

    // ---- `NAME cache KIND PATH`: the course's listeners ---------------------------------------

    /**
     * `start` is the optional start argument: NodeCache `true` (default) / `false`,
     * PathChildrenCache `NORMAL` (default, `start()`) / `BUILD_INITIAL_CACHE` /
     * `POST_INITIALIZED_EVENT`.
     */
    static void cache(Client c, String kind, String path, String start) throws Exception {
        Future<?> f = c.worker.submit(() -> {
            own();
            try {
            switch (kind) {
                case "node": {
                    NodeCache nodeCache = new NodeCache(c.cf, path);
                    nodeCache.getListenable().addListener(() -> {
                        System.out.println("节点变化了~");
                        byte[] data = nodeCache.getCurrentData().getData();
                        System.out.println(new String(data));
                    });
                    nodeCache.start(start == null || Boolean.parseBoolean(start));
                    c.recipes.put("cache node " + path, nodeCache);
                    break;
                }
                case "children": {
                    PathChildrenCache cache = new PathChildrenCache(c.cf, path, true);
                    cache.getListenable().addListener((client, event) -> {
                        System.out.println("子节点变化了~");
                        System.out.println(event);
                        if (event.getType().equals(PathChildrenCacheEvent.Type.CHILD_UPDATED)) {
                            System.out.println("数据变了!!!");
                            System.out.println(new String(event.getData().getData()));
                        }
                    });
                    if (start == null) {
                        cache.start();
                    } else {
                        cache.start(PathChildrenCache.StartMode.valueOf(start));
                    }
                    c.recipes.put("cache children " + path, cache);
                    break;
                }
                case "tree": {
                    TreeCache cache = new TreeCache(c.cf, path);
                    cache.getListenable().addListener((client, event) -> {
                        System.out.println("节点变化了");
                        System.out.println(event);
                    });
                    cache.start();
                    c.recipes.put("cache tree " + path, cache);
                    break;
                }
                case "curator": {
                    CuratorCache cache = CuratorCache.build(c.cf, path);
                    cache.listenable().addListener(CuratorCacheListener.builder()
                            .forAll((type, oldData, data) -> System.out.println(type + " " + oldData + " " + data))
                            .forInitialized(() -> System.out.println("initialized"))
                            .build());
                    cache.start();
                    c.recipes.put("cache curator " + path, cache);
                    break;
                }
                default:
                    say("unknown cache kind: " + kind);
            }
            } finally {
                release();
            }
            return null;
        });
        settle(f);
        try {
            f.get();
        } catch (ExecutionException e) {
            say(e.getCause().toString());
        }
    }

    // ---- Blocking recipes ------------------------------------------------------------------------

    /**
     * Run `op` on the holder's thread. If it has not finished within RESULT_MS the line prints
     * `waiting`; whenever it finishes it prints `done` (or `failed` when it returns false, or
     * the exception's toString()).
     */
    static void blocking(Blocking h, Callable<Boolean> op, String waiting, String done, String failed)
            throws Exception {
        AtomicBoolean finished = new AtomicBoolean();
        Object gate = new Object();
        Future<?> f = h.thread.submit(() -> {
            String msg;
            own();
            try {
                msg = op.call() ? done : failed;
            } catch (Exception e) {
                msg = e.toString();
            }
            synchronized (gate) {
                finished.set(true);
                if (msg != null) say(msg);
                if (owner == Thread.currentThread()) release();
            }
            return null;
        });
        long start = System.nanoTime();
        while (!f.isDone() && (System.nanoTime() - start) / 1_000_000 < RESULT_MS) Thread.sleep(10);
        synchronized (gate) {
            if (!finished.get()) {
                // Still blocked: the line's own result is "waiting"; events flow freely again.
                synchronized (out) {
                    owner = Thread.currentThread();
                    if (waiting != null) out.println(waiting);
                }
                release();
            }
        }
        settle(null);
    }

    static Blocking holder(Client c, String key, Callable<Object> make) throws Exception {
        Blocking h = c.holders.get(key);
        if (h == null) {
            h = new Blocking(c.name + " " + key, make.call());
            c.holders.put(key, h);
        }
        return h;
    }

    /** `NAME lock PATH [as KIND [N]] [timeout Ns]` and `NAME unlock PATH [as KIND [N]]`. */
    static void lock(Client c, String[] w, boolean acquire) throws Exception {
        String path = w[2];
        String kind = "mutex";
        int leases = 1;
        long timeoutMs = -1;
        for (int i = 3; i < w.length; i++) {
            if (w[i].equals("as")) {
                kind = w[++i];
                if (kind.equals("semaphore")) leases = Integer.parseInt(w[++i]);
            } else if (w[i].equals("timeout")) {
                timeoutMs = durationMs(w[++i]);
            }
        }
        final String k = kind;
        final int n = leases;
        // A client's read and write locks on one path share one thread, as in a single-threaded
        // Java program, so that holding the write lock lets the read lock in (downgrade).
        boolean rwKind = kind.equals("read") || kind.equals("write");
        Blocking found = c.holders.get(kind + " " + path);
        if (found == null) {
            Object recipe;
            switch (k) {
                case "mutex": recipe = new InterProcessMutex(c.cf, path); break;
                case "semaphore-mutex": recipe = new InterProcessSemaphoreMutex(c.cf, path); break;
                case "read": recipe = rw(c, path).readLock(); break;
                case "write": recipe = rw(c, path).writeLock(); break;
                case "multi": recipe = new InterProcessMultiLock(c.cf, Arrays.asList(path.split(","))); break;
                case "semaphore": recipe = new InterProcessSemaphoreV2(c.cf, path, n); break;
                default: throw new IllegalArgumentException("unknown lock kind " + k);
            }
            Blocking other = rwKind ? c.holders.get((kind.equals("read") ? "write " : "read ") + path) : null;
            found = other != null ? new Blocking(other.thread, recipe) : new Blocking(c.name + " " + kind + " " + path, recipe);
            c.holders.put(kind + " " + path, found);
        }
        final Blocking h = found;
        String who = c.name + ": ";
        final long t = timeoutMs;
        if (acquire) {
            blocking(h, () -> {
                if (h.recipe instanceof InterProcessSemaphoreV2) {
                    InterProcessSemaphoreV2 s = (InterProcessSemaphoreV2) h.recipe;
                    Lease l = t < 0 ? s.acquire() : s.acquire(t, TimeUnit.MILLISECONDS);
                    if (l == null) return false;
                    h.leases.push(l);
                    return true;
                }
                InterProcessLock l = (InterProcessLock) h.recipe;
                if (t < 0) {
                    l.acquire();
                    return true;
                }
                return l.acquire(t, TimeUnit.MILLISECONDS);
            }, who + "waiting for " + path, who + "acquired " + path, who + "gave up on " + path);
        } else {
            blocking(h, () -> {
                if (h.recipe instanceof InterProcessSemaphoreV2) {
                    Lease l = h.leases.poll();
                    if (l == null) throw new IllegalStateException("no lease held");
                    l.close();
                } else {
                    ((InterProcessLock) h.recipe).release();
                }
                return true;
            }, null, who + "released " + path, null);
        }
    }

    static InterProcessReadWriteLock rw(Client c, String path) {
        return (InterProcessReadWriteLock) c.recipes.computeIfAbsent("rw " + path,
                p -> new InterProcessReadWriteLock(c.cf, path));
    }

    /** `NAME latch start|close PATH`: a LeaderLatch with participant id NAME. */
    static void latch(Client c, String action, String path) throws Exception {
        String who = c.name + ": ";
        Future<?> f = c.worker.submit(() -> {
            own();
            try {
            if (action.equals("start")) {
                LeaderLatch l = new LeaderLatch(c.cf, path, c.name);
                l.addListener(new LeaderLatchListener() {
                    public void isLeader() { say(who + "leader of " + path); }
                    public void notLeader() { say(who + "not leader of " + path); }
                });
                c.recipes.put("latch " + path, l);
                l.start();
            } else {
                ((LeaderLatch) c.recipes.remove("latch " + path)).close();
                say(who + "closed latch " + path);
            }
            } finally {
                release();
            }
            return null;
        });
        settle(f);
    }

    /** `NAME select PATH`: a LeaderSelector whose takeLeadership lasts until `NAME resign PATH`. */
    static void select(Client c, String path) throws Exception {
        String who = c.name + ": ";
        Semaphore resign = new Semaphore(0);
        c.recipes.put("resign " + path, resign);
        LeaderSelector s = new LeaderSelector(c.cf, path, new LeaderSelectorListenerAdapter() {
            public void takeLeadership(CuratorFramework client) throws Exception {
                say(who + "leading " + path);
                resign.acquire();
                say(who + "resigned " + path);
            }
        });
        s.setId(c.name);
        c.recipes.put("select " + path, s);
        s.start();
        settle(null);
    }

    static void resign(Client c, String path) throws Exception {
        ((Semaphore) c.recipes.get("resign " + path)).release();
        settle(null);
    }

    /** `NAME barrier set|remove|wait PATH`. */
    static void barrier(Client c, String action, String path) throws Exception {
        String who = c.name + ": ";
        Blocking h = holder(c, "barrier " + path, () -> new DistributedBarrier(c.cf, path));
        DistributedBarrier b = (DistributedBarrier) h.recipe;
        switch (action) {
            case "set": blocking(h, () -> { b.setBarrier(); return true; }, null, null, null); break;
            case "remove": blocking(h, () -> { b.removeBarrier(); return true; }, null, null, null); break;
            case "wait":
                // On its own thread so that the client can still set or remove while waiting.
                Blocking waiter = new Blocking(c.name + " barrier-wait " + path, b);
                blocking(waiter, () -> { b.waitOnBarrier(); return true; },
                        who + "waiting at " + path, who + "passed " + path, null);
                break;
            default: say("unknown barrier action " + action);
        }
    }

    /** `NAME double-barrier enter|leave PATH N`. */
    static void doubleBarrier(Client c, String action, String path, int members) throws Exception {
        String who = c.name + ": ";
        Blocking h = holder(c, "double-barrier " + path, () -> new DistributedDoubleBarrier(c.cf, path, members));
        DistributedDoubleBarrier b = (DistributedDoubleBarrier) h.recipe;
        if (action.equals("enter")) {
            blocking(h, () -> { b.enter(); return true; }, who + "waiting to enter " + path, who + "entered " + path, null);
        } else {
            blocking(h, () -> { b.leave(); return true; }, who + "waiting to leave " + path, who + "left " + path, null);
        }
    }

    static final QueueSerializer<String> STRINGS = new QueueSerializer<String>() {
        public byte[] serialize(String item) { return item.getBytes(StandardCharsets.UTF_8); }
        public String deserialize(byte[] bytes) { return new String(bytes, StandardCharsets.UTF_8); }
    };

    /** `NAME queue consume PATH` starts a consumer; `NAME queue put PATH ITEM` puts a string. */
    @SuppressWarnings("unchecked")
    static void queue(Client c, String action, String path, String item) throws Exception {
        String who = c.name + ": ";
        Future<?> f = c.worker.submit(() -> {
            own();
            try {
            DistributedQueue<String> q = (DistributedQueue<String>) c.recipes.get("queue " + path);
            if (action.equals("consume")) {
                QueueConsumer<String> consumer = new QueueConsumer<String>() {
                    public void consumeMessage(String message) { say(who + "consumed " + message); }
                    public void stateChanged(CuratorFramework client, ConnectionState newState) { }
                };
                q = QueueBuilder.builder(c.cf, consumer, STRINGS, path).buildQueue();
                q.start();
                c.recipes.put("queue " + path, q);
            } else {
                if (q == null) {
                    q = QueueBuilder.builder(c.cf, null, STRINGS, path).buildQueue();
                    q.start();
                    c.recipes.put("queue " + path, q);
                }
                q.put(item);
            }
            } finally {
                release();
            }
            return null;
        });
        settle(f);
        try {
            f.get();
        } catch (ExecutionException e) {
            say(e.getCause().toString());
        }
    }

    /** `NAME count start PATH SEED`, `count set PATH N`, `count try PATH N`, `count get PATH`. */
    static void count(Client c, String action, String path, int value) throws Exception {
        String who = c.name + ": ";
        Future<?> f = c.worker.submit(() -> {
            own();
            try {
            SharedCount sc = (SharedCount) c.recipes.get("count " + path);
            switch (action) {
                case "start":
                    sc = new SharedCount(c.cf, path, value);
                    sc.addListener(new SharedCountListener() {
                        public void countHasChanged(SharedCountReader r, int newCount) {
                            say(who + "count of " + path + " is " + newCount);
                        }
                        public void stateChanged(CuratorFramework client, ConnectionState newState) { }
                    });
                    sc.start();
                    c.recipes.put("count " + path, sc);
                    break;
                case "set": sc.setCount(value); break;
                case "try": say(String.valueOf(sc.trySetCount(sc.getVersionedValue(), value))); break;
                case "get": say(String.valueOf(sc.getCount())); break;
                default: say("unknown count action " + action);
            }
            } finally {
                release();
            }
            return null;
        });
        settle(f);
        try {
            f.get();
        } catch (ExecutionException e) {
            say(e.getCause().toString());
        }
    }

    // ---- four-letter words -------------------------------------------------------------------

    static void fourLetter(String word, int server) throws Exception {
        String answer;
        try (Socket s = new Socket("127.0.0.1", basePort + server)) {
            s.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        while (answer.endsWith("\n")) answer = answer.substring(0, answer.length() - 1);
        if (answer.isEmpty()) answer = "(no answer)";
        say(answer);
    }
}
