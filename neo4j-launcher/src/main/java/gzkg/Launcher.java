package gzkg;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.io.ByteUnit;

/**
 * Starts Neo4j community with Bolt on 127.0.0.1 and prints one READY line for the Node side.
 * The process shuts Neo4j down when its standard input closes, so it never outlives its parent.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(arg(args, "--home", ".neo4j/data"));
        int port = Integer.parseInt(arg(args, "--port", "0"));
        long pageCacheMiB = Long.parseLong(arg(args, "--pagecache-mib", "128"));
        boolean watchStdin = !"false".equals(arg(args, "--watch-stdin", "true"));
        if (port == 0) {
            port = freePort();
        }

        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Default 10 s; our clients close before we stop, so waiting that long only slows Ctrl-C.
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2))
                // Netty's graceful shutdown of the Bolt server waits out a quiet period (seconds) first.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(3))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        String version = "unknown";
        try (var tx = db.beginTx(); Result r = tx.execute("CALL dbms.components() YIELD versions RETURN versions[0] AS v")) {
            if (r.hasNext()) {
                version = String.valueOf(r.next().get("v"));
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port + " version=" + version + " startMillis=" + millis);
        System.out.flush();

        if (watchStdin) {
            drain(System.in);
            System.exit(0);
        } else {
            stopped.await();
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // Only the end of the stream matters: the parent is gone or asked us to stop.
            }
        } catch (IOException ignored) {
            // A broken pipe means the same thing as end of stream.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
