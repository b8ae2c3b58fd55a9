package dev.glassbox.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FolderFilesTest {
    @TempDir
    Path temp;

    @Test
    void readsOnlyRegularFilesInsideTheFolderAndSaysWhyTheRestWasSkipped() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("knowledge"));
        Path secret = Files.writeString(temp.resolve("secret.txt"), "AWS_SECRET_ACCESS_KEY=hunter2");
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("inner.md"), "outside");
        Files.writeString(folder.resolve("a.md"), "# A");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/b.md"), "# B");
        Files.writeString(folder.resolve("notes.txt"), "not markdown");
        Files.writeString(folder.resolve("big.md"), "x".repeat(101));
        Files.createSymbolicLink(folder.resolve("environ.md"), Path.of("/proc/self/environ"));
        Files.createSymbolicLink(folder.resolve("secret.md"), secret);
        Files.createSymbolicLink(folder.resolve("linked"), outside);
        Files.writeString(folder.resolve(".hidden.md"), "# Hidden");
        Files.createDirectories(folder.resolve(".git"));
        Files.writeString(folder.resolve(".git/c.md"), "# In a hidden folder");

        FolderFiles.Listing listing = FolderFiles.read(folder, ".md", 100);

        assertThat(listing.files()).containsOnlyKeys("a.md", "sub/b.md");
        assertThat(new String(listing.files().get("sub/b.md"), StandardCharsets.UTF_8)).isEqualTo("# B");
        assertThat(listing.skipped()).extracting(FolderFiles.Skipped::file)
                .containsExactlyInAnyOrder("big.md", "environ.md", "secret.md", "linked", ".hidden.md", ".git");
        assertThat(listing.skipped()).filteredOn(s -> s.file().startsWith("."))
                .extracting(FolderFiles.Skipped::reason).allMatch(r -> r.contains("hidden"));
        assertThat(FolderFiles.readOne(folder, ".hidden.md", 100)).isEmpty();
        assertThat(listing.skipped()).filteredOn(s -> s.file().equals("big.md"))
                .extracting(FolderFiles.Skipped::reason).containsExactly("it is larger than 100 bytes");
        assertThat(listing.skipped()).filteredOn(s -> s.file().equals("secret.md"))
                .extracting(FolderFiles.Skipped::reason).allMatch(r -> r.contains("symbolic link"));
    }

    /** Whether a file would be read is answered by the same rules as the read itself. */
    @Test
    void aFileIsAdmittedExactlyWhenItWouldBeRead() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("knowledge"));
        Path secret = Files.writeString(temp.resolve("secret.md"), "outside");
        Files.writeString(folder.resolve("a.md"), "# A");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/b.md"), "# B");
        Files.writeString(folder.resolve("big.md"), "x".repeat(101));
        Files.writeString(folder.resolve(".hidden.md"), "# Hidden");
        Files.createSymbolicLink(folder.resolve("secret.md"), secret);
        Files.createSymbolicLink(folder.resolve("linked"), temp);
        TimedFileReadTest.fifo(folder.resolve("fifo.md"));

        for (String file : new String[] {"a.md", "sub/b.md"}) {
            assertThat(FolderFiles.admits(folder, file, 100)).as(file).isTrue();
        }
        for (String file : new String[] {"big.md", ".hidden.md", "secret.md", "linked/secret.md", "fifo.md",
            "missing.md", "../secret.md", "sub/../../secret.md", "sub"}) {
            assertThat(FolderFiles.admits(folder, file, 100)).as(file).isFalse();
            assertThat(FolderFiles.readOne(folder, file, 100)).as(file).isEmpty();
        }
    }

    /** A backslash is a letter of a Linux file name; read as a separator it named a missing file, and the read failed. */
    @Test
    void aNameWithABackslashIsReadUnderItsOwnName() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("knowledge"));
        Files.writeString(folder.resolve("<script>x<\\script>.md"), "# Odd");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/a\\b.md"), "# Odd too");

        FolderFiles.Listing listing = FolderFiles.read(folder, ".md", 100);

        assertThat(listing.files()).containsOnlyKeys("<script>x<\\script>.md", "sub/a\\b.md");
        assertThat(listing.skipped()).isEmpty();
        assertThat(FolderFiles.readOne(folder, "sub/a\\b.md", 100)).hasValueSatisfying(
                bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("# Odd too"));
    }

    /**
     * Linux names files in bytes: one that is not UTF-8 reaches Java with U+FFFD in it, a name that opens nothing.
     * It was skipped as "removed while the folder was read" and tried again and again as a passing failure.
     */
    @Test
    void aFileWhoseNameIsNotUtf8IsSkippedForGoodAndSaysSo() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("knowledge"));
        Files.writeString(folder.resolve("a.md"), "# A");
        Process made = new ProcessBuilder("sh", "-c", "printf '# Bad' > \"$(printf 'bad\\377name.md')\"")
                .directory(folder.toFile()).start();
        assertThat(made.waitFor(10, TimeUnit.SECONDS) && made.exitValue() == 0).as("a file named in Latin-1").isTrue();

        FolderFiles.Listing listing = FolderFiles.read(folder, ".md", 100);

        assertThat(listing.files()).containsOnlyKeys("a.md");
        assertThat(listing.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.reason()).contains("name is not UTF-8");
            assertThat(skipped.passing()).as("it stays unreadable until renamed").isFalse();
        });
    }

    @Test
    void aFileRemovedAfterTheSurveyIsSkippedAndTheRestRead() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("knowledge"));
        Files.writeString(folder.resolve("a.md"), "# A");
        Files.writeString(folder.resolve("gone.md"), "# Gone");
        FolderFiles.Survey survey = FolderFiles.survey(folder, ".md", new FolderFiles.Limits(100, 10, 1_000));
        Files.delete(folder.resolve("gone.md"));

        FolderFiles.Listing listing = FolderFiles.read(survey, 100);

        assertThat(listing.files()).containsOnlyKeys("a.md");
        assertThat(listing.skipped()).containsExactly(
                new FolderFiles.Skipped("gone.md", "it was removed while the folder was read", true));
    }

    /** Swapped in between the survey and the read, a FIFO (whose open waits for a writer) is skipped; the rest is read. */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // without the deadline: forever
    void aFifoSwappedInAfterTheSurveyIsSkippedAndTheRestRead() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("knowledge"));
        Files.writeString(folder.resolve("a.md"), "# A");
        Path swapped = Files.writeString(folder.resolve("b.md"), "# B");
        Files.writeString(folder.resolve("c.md"), "# C");
        FolderFiles.Survey survey = FolderFiles.survey(folder, ".md", new FolderFiles.Limits(100, 10, 1_000));
        Files.delete(swapped);
        TimedFileReadTest.fifo(swapped);

        FolderFiles.Listing listing = FolderFiles.read(survey, 100);

        assertThat(listing.files()).containsOnlyKeys("a.md", "c.md");
        assertThat(listing.skipped()).singleElement().satisfies(skipped -> {
            assertThat(skipped.file()).isEqualTo("b.md");
            assertThat(skipped.reason()).startsWith("it could not be read: nothing could be read from it within");
        });
        assertThat(FolderFiles.readOne(folder, "b.md", 100)).isEmpty();
    }

    @Test
    void aFolderThatIsItselfALinkIsReadAtItsRealPath() throws Exception {
        Path real = Files.createDirectories(temp.resolve("real"));
        Files.writeString(real.resolve("a.md"), "# A");
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);

        assertThat(FolderFiles.read(link, "", 100).files()).containsOnlyKeys("a.md");
    }

    @Test
    void filesPastTheFolderLimitsAreLeftOutAsOneEntry() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("many"));
        for (int i = 0; i < 50; i++) {
            Files.writeString(folder.resolve("f" + i + ".md"), "# F\n\n" + "x".repeat(10));
        }

        FolderFiles.Survey byCount = FolderFiles.survey(folder, ".md", new FolderFiles.Limits(100, 20, 1_000_000));
        assertThat(byCount.files()).hasSize(20);
        assertThat(byCount.skipped()).singleElement().satisfies(entry -> assertThat(entry.reason())
                .isEqualTo("the folder may hold at most 20 files and 1000000 bytes, and 80 entries of any kind; the rest is not read"));
        assertThat(FolderFiles.read(byCount, 100).files()).hasSize(20);

        FolderFiles.Survey byBytes = FolderFiles.survey(folder, ".md", new FolderFiles.Limits(100, 1_000, 160));
        assertThat(byBytes.files()).hasSize(10); // 15 bytes each
        assertThat(byBytes.skipped()).hasSize(1);
    }

    /** The folder is surveyed every second: 200,000 other files made each survey cost 3 to 13 s of CPU. */
    @Test
    void aFolderOfManyOtherFilesIsLookedAtOnlyUpToItsBound() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("crowded"));
        Files.writeString(folder.resolve("a.md"), "# A");
        for (int i = 0; i < 100; i++) {
            Files.createFile(folder.resolve("image-" + i + ".png"));
        }

        FolderFiles.Survey survey = FolderFiles.survey(folder, ".md", new FolderFiles.Limits(100, 10, 1_000));

        assertThat(survey.skipped()).extracting(FolderFiles.Skipped::file).contains("(the files found past the limits)");
        assertThat(survey.skipped()).filteredOn(s -> s.file().startsWith("(")).singleElement()
                .satisfies(entry -> assertThat(entry.reason()).contains("40 entries of any kind"));
    }

    /**
     * A folder nested deeper than the limit is skipped with what it holds; one whose path is longer than the system
     * allows (names of 250 characters, 20 deep) is skipped as unreadable. Either failed the whole survey, and with
     * it the start of the server.
     */
    @Test
    void foldersTooDeepOrWithPathsTooLongAreSkippedAndTheRestSurveyed() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the long path is made with sh");
        Path folder = Files.createDirectories(temp.resolve("deep"));
        Files.writeString(folder.resolve("a.md"), "# A");
        Path deep = Files.createDirectories(folder.resolve("d/".repeat(FolderFiles.MAX_DEPTH + 8)));
        Files.writeString(deep.resolve("x.md"), "# Deep");
        String name = "n".repeat(250);
        Process longPath = new ProcessBuilder("sh", "-c", "mkdir long && cd -P long && for i in $(seq 20); do mkdir "
                + name + " && cd -P " + name + " || exit 1; done && echo '# Far' > far.md").directory(folder.toFile()).inheritIO().start();
        assertThat(longPath.waitFor(30, TimeUnit.SECONDS) && longPath.exitValue() == 0).as("the long path").isTrue();

        try {
            FolderFiles.Survey survey = FolderFiles.survey(folder, ".md", new FolderFiles.Limits(100, 100, 1_000));

            assertThat(survey.files()).containsOnlyKeys("a.md");
            assertThat(survey.skipped()).anySatisfy(s -> assertThat(s.reason()).contains("more than 32 folders deep"))
                    .anySatisfy(s -> assertThat(s.reason()).contains("could not be looked at"));
        } finally {
            // JUnit cannot delete a path longer than the system allows; rm goes down it a folder at a time.
            new ProcessBuilder("rm", "-rf", "long").directory(folder.toFile()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSurveyChangesWhenAFileIsWrittenAndOnlyThen() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("watched"));
        Path file = Files.writeString(folder.resolve("a.md"), "# A");
        FolderFiles.Limits limits = new FolderFiles.Limits(100, 10, 1_000);
        FolderFiles.Survey before = FolderFiles.survey(folder, ".md", limits);

        assertThat(FolderFiles.survey(folder, ".md", limits).files()).isEqualTo(before.files());
        Files.writeString(file, "# B");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                before.files().get("a.md").modified().toMillis() + 1_000));
        assertThat(FolderFiles.survey(folder, ".md", limits).files()).isNotEqualTo(before.files());
    }
}
