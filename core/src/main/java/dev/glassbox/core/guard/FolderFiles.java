package dev.glassbox.core.guard;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Reads the files of a folder whose content is published (the knowledge base): only regular files
 * whose real path stays inside the folder, never through a symbolic link, none hidden (a name on
 * the way starting with '.', which the server's /knowledge/ pages would not open), each at most a size
 * limit. {@code Files.isRegularFile} and {@code readAllBytes} follow links, so a link in the folder
 * to {@code /proc/self/environ} would publish the process environment. Each file is read within a deadline
 * ({@link TimedFileRead}): one that became a FIFO since it was checked cannot hold the caller. Everything not
 * read is listed with the reason, so the caller can report it.
 */
public final class FolderFiles {
    /**
     * A file left out, by path relative to the folder, and why, for a person. {@code passing} when the reason may
     * pass without the file changing (its read failed or timed out, or it changed while it was read), so it is
     * worth reading again later; else it stays out until its size or modification time changes.
     */
    public record Skipped(String file, String reason, boolean passing) {
        public Skipped(String file, String reason) {
            this(file, reason, false);
        }
    }

    /** @param files relative path ('/'-separated) → content, in path order */
    public record Listing(Map<String, byte[]> files, List<Skipped> skipped) {
    }

    /**
     * What may be read: each file at most {@code maxFileBytes}, at most {@code maxFiles} files and
     * {@code maxTotalBytes} in all (files found past either are left out).
     */
    public record Limits(long maxFileBytes, int maxFiles, long maxTotalBytes) {
        /** Entries of any kind (folders, other files) a survey looks at: a few for each file it may take. */
        public long maxEntries() {
            return 4L * maxFiles;
        }
    }

    /** What changes when a file is written or replaced, read without opening it. */
    public record Stamp(long size, FileTime modified, Object fileKey) {
    }

    /** @param files relative path → stamp of each file a read takes, in path order */
    public record Survey(Path root, Map<String, Stamp> files, List<Skipped> skipped) {
    }

    private FolderFiles() {
    }

    /**
     * Every regular file under {@code folder} whose name ends with {@code suffix} ("" for all), at
     * most {@code maxBytes} each. Links and special files are skipped whatever their name.
     */
    public static Listing read(Path folder, String suffix, long maxBytes) throws IOException {
        return read(survey(folder, suffix, new Limits(maxBytes, Integer.MAX_VALUE, Long.MAX_VALUE)), maxBytes);
    }

    /**
     * The files {@link #survey} would take, without reading them: comparing two surveys is a cheap way to see
     * that nothing changed. Files found past the limits (in the order the walk finds them) are left out and
     * listed as one skipped entry, not each: a folder of a million files would make a million entries. The
     * walk itself is bounded, as the folder is surveyed every second: it looks at no more than
     * {@link Limits#maxEntries()} entries of any kind, enters no hidden folder and none deeper than
     * {@value #MAX_DEPTH}, and an entry it cannot look at (a name too long, a folder it may not open, one removed
     * meanwhile) is skipped, not a failure of the whole survey.
     */
    public static Survey survey(Path folder, String suffix, Limits limits) throws IOException {
        Path root = folder.toRealPath();
        Walk walk = new Walk(root, suffix, limits);
        // walkFileTree follows no link: a linked folder is one entry, never entered.
        Files.walkFileTree(root, Set.of(), MAX_DEPTH, walk);
        if (walk.overLimits) {
            walk.skipped.add(new Skipped("(the files found past the limits)", "the folder may hold at most "
                    + limits.maxFiles() + " files and " + limits.maxTotalBytes() + " bytes, and "
                    + limits.maxEntries() + " entries of any kind; the rest is not read"));
        }
        return new Survey(root, walk.files, List.copyOf(walk.skipped));
    }

    /** Folders below the knowledge folder that are entered; one deeper is skipped with all it holds. */
    static final int MAX_DEPTH = 32;

    /** One survey's walk: what it takes, what it skips and why, within the limits. */
    private static final class Walk extends SimpleFileVisitor<Path> {
        private final Path root;
        private final String suffix;
        private final Limits limits;
        private final Map<String, Stamp> files = new TreeMap<>();
        private final List<Skipped> skipped = new ArrayList<>();
        private long totalBytes;
        private long entries;
        private boolean overLimits;

        Walk(Path root, String suffix, Limits limits) {
            this.root = root;
            this.suffix = suffix;
            this.limits = limits;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            if (++entries > limits.maxEntries()) {
                overLimits = true;
                return FileVisitResult.TERMINATE;
            }
            if (dir.getFileName().toString().startsWith(".")) {
                skipped.add(new Skipped(relative(root, dir), "it is a hidden folder: its name starts with '.'"));
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) {
            if (++entries > limits.maxEntries()) {
                overLimits = true;
                return FileVisitResult.TERMINATE;
            }
            String relative = relative(root, path);
            if (attributes.isDirectory()) { // a folder at the depth limit: not entered
                skipped.add(new Skipped(relative, "it is more than " + MAX_DEPTH + " folders deep; nothing in it is read"));
                return FileVisitResult.CONTINUE;
            }
            if (attributes.isRegularFile() && !relative.endsWith(suffix)) {
                return FileVisitResult.CONTINUE;
            }
            String problem;
            try {
                // Linux names files in bytes: a name that is not UTF-8 reaches us with U+FFFD, which names no file.
                problem = !root.resolve(relative).equals(path)
                        ? "its name is not UTF-8, so it cannot be opened by name; rename it"
                        : problem(root, path, attributes, limits.maxFileBytes());
            } catch (IOException unreadable) {
                problem = "it could not be looked at: " + reason(unreadable);
            }
            if (files.size() + skipped.size() >= limits.maxFiles()
                    || problem == null && totalBytes + attributes.size() > limits.maxTotalBytes()) {
                overLimits = true;
            } else if (problem != null) {
                skipped.add(new Skipped(relative, problem));
            } else {
                totalBytes += attributes.size();
                files.put(relative, new Stamp(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey()));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path path, IOException failed) throws IOException {
            if (path.equals(root)) {
                throw failed;
            }
            skipped.add(new Skipped(relative(root, path), "it could not be looked at: " + reason(failed), true));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException failed) throws IOException {
            if (failed != null) {
                if (dir.equals(root)) {
                    throw failed;
                }
                skipped.add(new Skipped(relative(root, dir), "the folder could not be read: " + reason(failed), true));
            }
            return FileVisitResult.CONTINUE;
        }
    }

    /**
     * The content of the surveyed files. One that has grown past its limit since is skipped; one that is gone,
     * could not be read, or changed while it was read (a half-written file) is skipped as passing.
     */
    public static Listing read(Survey survey, long maxFileBytes) {
        Map<String, byte[]> files = new TreeMap<>();
        List<Skipped> skipped = new ArrayList<>(survey.skipped());
        for (Map.Entry<String, Stamp> surveyed : survey.files().entrySet()) {
            String relative = surveyed.getKey();
            Path path = survey.root().resolve(relative);
            byte[] content;
            try {
                // Again without links, and within a deadline: it may have become a link or a FIFO since the survey.
                content = TimedFileRead.readAtMost(path, maxFileBytes);
                if (content != null && !surveyed.getValue().equals(stamp(path))) {
                    skipped.add(new Skipped(relative, "it changed while it was read", true));
                    continue;
                }
            } catch (NoSuchFileException gone) {
                skipped.add(new Skipped(relative, "it was removed while the folder was read", true));
                continue;
            } catch (IOException unreadable) { // an I/O error, a timeout, no reader free: none says the file is bad
                skipped.add(new Skipped(relative, "it could not be read: " + reason(unreadable), true));
                continue;
            }
            if (content == null) {
                skipped.add(new Skipped(relative, "it is larger than " + maxFileBytes + " bytes"));
            } else {
                files.put(relative, content);
            }
        }
        return new Listing(files, List.copyOf(skipped));
    }

    private static Stamp stamp(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new Stamp(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey());
    }

    /** Why a read failed, for a person, without the path (the caller names the file). */
    private static String reason(IOException failed) {
        if (failed instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String message = failed.getMessage();
        return message != null && message.indexOf('/') < 0 ? message : failed.getClass().getSimpleName();
    }

    /**
     * One file of the folder by its relative path, read under the same rules as {@link #read}; empty when
     * it is missing, outside the folder, a link, not a regular file or larger than {@code maxBytes}.
     */
    public static Optional<byte[]> readOne(Path folder, String relative, long maxBytes) throws IOException {
        Optional<Path> path = admitted(folder, relative, maxBytes);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(TimedFileRead.readAtMost(path.get(), maxBytes));
        } catch (FileSystemException e) { // swapped for a link or unreadable since it was looked at
            return Optional.empty();
        }
    }

    /**
     * Whether {@link #readOne} would take the file, judged from its attributes and real path without opening it:
     * asking whether a file exists costs no read.
     */
    public static boolean admits(Path folder, String relative, long maxBytes) throws IOException {
        return admitted(folder, relative, maxBytes).isPresent();
    }

    private static Optional<Path> admitted(Path folder, String relative, long maxBytes) throws IOException {
        Path root = folder.toRealPath();
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root)) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            // As in read, whose walk never enters a linked folder: no link anywhere on the way.
            boolean direct = path.toRealPath().equals(path);
            return direct && problem(root, path, attributes, maxBytes) == null ? Optional.of(path) : Optional.empty();
        } catch (FileSystemException e) { // missing or unreadable
            return Optional.empty();
        }
    }

    /**
     * The path below {@code root}, its names joined by '/' whatever the platform's separator: a name may itself
     * hold a backslash on Linux, and turning it into '/' named a file that does not exist.
     */
    private static String relative(Path root, Path path) {
        StringJoiner names = new StringJoiner("/");
        root.relativize(path).forEach(name -> names.add(name.toString()));
        return names.toString();
    }

    private static String problem(Path root, Path path, BasicFileAttributes attributes, long maxBytes)
            throws IOException {
        for (Path name : root.relativize(path)) {
            if (name.toString().startsWith(".")) {
                return "it is hidden: a name on its path starts with '.'";
            }
        }
        if (attributes.isSymbolicLink()) {
            return "it is a symbolic link; only regular files inside the folder are read";
        }
        if (!attributes.isRegularFile()) {
            return "it is not a regular file";
        }
        if (!path.toRealPath().startsWith(root)) {
            return "its real path is outside the folder";
        }
        if (attributes.size() > maxBytes) {
            return "it is larger than " + maxBytes + " bytes";
        }
        return null;
    }
}
