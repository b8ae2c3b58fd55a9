package dev.glassbox.infra.sync;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** Object key (prefix + relative path) → SHA-256 of the content, for every file read from the folder. */
    static Map<String, String> hashes(Map<String, byte[]> files, String prefix) {
        Map<String, String> hashes = new TreeMap<>();
        files.forEach((file, content) -> hashes.put(prefix + file, sha256(content)));
        return hashes;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
