package dev.glassbox.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server under load, in a JVM of its own on loopback, with its memory and CPU time read from outside. */
final class ServerProcess implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    /** The heap the README's run command gives the server; the load runs use the same. */
    static final String SERVER_HEAP = "-Xmx512m";
    /** Linux's USER_HZ: /proc reports CPU time in these ticks (100 a second on every mainstream kernel). */
    private static final double TICKS_PER_SECOND = 100;

    record Memory(long heapBytes, long rssBytes) {
    }

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(LoadGenerator.Options options) throws IOException, InterruptedException {
        int port = options.port();
        if (port == 0) {
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        // Extra JVM options for both targets alike, for looking inside a run (a flight recording, the JIT's log).
        String extra = System.getProperty("load.serverJvmOptions", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (options.target().equals("bare")) {
            // The same heap as Glassbox: a JVM with more heap collects less often and holds more memory.
            command.addAll(List.of(SERVER_HEAP, "-cp", System.getProperty("java.class.path"), BareWriterServer.class.getName(),
                    String.valueOf(port), String.valueOf(options.tokens()), String.valueOf(options.rate()),
                    String.valueOf(options.eventLoops())));
        } else {
            command.addAll(List.of(SERVER_HEAP, "-cp", System.getProperty("java.class.path"),
                    "dev.glassbox.server.Main"));
            builder.environment().putAll(Map.of(
                    "GLASSBOX_PORT", String.valueOf(port),
                    "GLASSBOX_EVENT_LOOPS", String.valueOf(options.eventLoops()),
                    "GLASSBOX_BACKEND", "paced",
                    "GLASSBOX_PACED_TOKENS", String.valueOf(options.tokens()),
                    "GLASSBOX_PACED_TOKENS_PER_SECOND", String.valueOf(options.rate()),
                    "GLASSBOX_COALESCE_MS", String.valueOf(options.coalesceMs()),
                    "GLASSBOX_ASK_BURST", "100000",
                    "GLASSBOX_ASKS_PER_MINUTE", "60000",
                    "GLASSBOX_CLIENT_ASK_BURST", "1000000",
                    "GLASSBOX_CLIENT_ASKS_PER_MINUTE", "600000"));
            builder.environment().put("GLASSBOX_MAX_SOCKETS", "100000");
            // Every load-test socket comes from 127.0.0.1.
            builder.environment().put("GLASSBOX_MAX_SOCKETS_PER_IP", "100000");
            builder.environment().put("GLASSBOX_MAX_CONNECTIONS", "110000");
            builder.environment().put("GLASSBOX_MAX_CONNECTIONS_PER_IP", "110000");
        }
        builder.command(command);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null && !line.contains("is ready")) {
            said.append(line).append('\n');
        }
        if (line == null) {
            throw new IllegalStateException("the server exited before it was ready:\n" + said);
        }
        Path log = Path.of("target", "load-server.log");
        Files.writeString(log, said);
        Thread drain = new Thread(() -> {
            try (var writer = Files.newBufferedWriter(log, StandardOpenOption.APPEND)) {
                for (String next = out.readLine(); next != null; next = out.readLine()) {
                    writer.write(next);
                    writer.newLine();
                }
            } catch (IOException e) {
                // the server is gone; its log ends here
            }
        }, "server-output");
        drain.setDaemon(true);
        drain.start();
        return new ServerProcess(process, port);
    }

    int port() {
        return port;
    }

    /** The server's heap right after a full GC (through jcmd) and its resident set size. */
    Memory memory() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        long heap = used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
        return new Memory(heap, statusKilobytes("VmRSS:") * 1024);
    }

    /** CPU time the server has used so far, user and system, in seconds. */
    double cpuSeconds() throws IOException {
        return cpuSeconds(process.pid());
    }

    /** CPU time process {@code pid} has used so far, user and system, in seconds (Linux). */
    static double cpuSeconds(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat"))) / TICKS_PER_SECOND;
    }

    /** User and system ticks from a /proc stat line. */
    private static long ticks(String stat) {
        // Fields after the command name, which is in parentheses and may hold spaces: utime is the 14th field.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU time the server's threads have used so far, user and system, in seconds, summed by what
     * they do as told by their names (Linux keeps 15 characters of each); a thread that ended is no
     * longer counted.
     */
    Map<String, Double> cpuSecondsByThread() throws IOException {
        Map<String, Double> byKind = new TreeMap<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", String.valueOf(process.pid()),
                "task"))) {
            for (Path thread : threads) {
                try {
                    String name = Files.readString(thread.resolve("comm")).strip();
                    byKind.merge(threadKind(name), ticks(Files.readString(thread.resolve("stat"))) / TICKS_PER_SECOND,
                            Double::sum);
                } catch (NoSuchFileException ended) {
                    // the thread ended while it was listed
                }
            }
        }
        return byKind;
    }

    private static String threadKind(String name) {
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "garbage collection";
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return "JIT compilers";
        }
        if (name.startsWith("vert.x-eventloo")) {
            return "event loops";
        }
        if (name.startsWith("vert.x-")) {
            return "other Vert.x threads";
        }
        return "other threads";
    }

    /** The most memory the server has held resident at once since it started (VmHWM). */
    long peakRssBytes() throws IOException {
        return statusKilobytes("VmHWM:") * 1024;
    }

    private long statusKilobytes(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
