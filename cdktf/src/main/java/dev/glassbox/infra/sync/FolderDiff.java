package dev.glassbox.infra.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What must change in the bucket so it holds exactly the folder: by content hash, not by date. */
record FolderDiff(List<String> uploads, List<String> deletes, int unchanged) {

    boolean changes() {
        return !uploads.isEmpty() || !deletes.isEmpty();
    }

    /**
     * @param local object key → content hash of every file in the folder
     * @param remote object key → content hash stored with every object under the prefix (null when absent)
     */
    static FolderDiff between(Map<String, String> local, Map<String, String> remote) {
        List<String> uploads = local.entrySet().stream()
                .filter(file -> !file.getValue().equals(remote.get(file.getKey())))
                .map(Map.Entry::getKey).toList();
        List<String> deletes = remote.keySet().stream().filter(key -> !local.containsKey(key)).sorted().toList();
        return new FolderDiff(uploads, deletes, local.size() - uploads.size());
    }

    /** Object key (prefix + relative path) → SHA-256 of the content, for every file in the folder. */
    static Map<String, String> hashes(Path folder, String prefix) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(prefix + folder.relativize(file).toString().replace('\\', '/'), sha256(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
