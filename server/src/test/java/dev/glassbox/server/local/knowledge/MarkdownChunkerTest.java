package dev.glassbox.server.local.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MarkdownChunkerTest {
    private final MarkdownChunker chunker = new MarkdownChunker();

    @Test
    void splitsByHeadingAndKeepsEachPassagesMarkdown() {
        List<KnowledgeChunk> chunks = chunker.chunk("guide/setup.md", """
                # Setup guide
                Read this **first**.

                ## Install
                Run the installer
                from the [downloads](https://example.org) page.

                - one item
                - two items

                ### On Linux
                Use `apt`.
                """);
        assertThat(chunks).extracting(KnowledgeChunk::title)
                .containsExactly("Setup guide", "Setup guide › Install", "Setup guide › Install › On Linux");
        assertThat(chunks.get(0).text()).isEqualTo("Read this **first**.");
        assertThat(chunks.get(1).text())
                .isEqualTo("Run the installer from the [downloads](https://example.org) page.\n- one item\n- two items");
        assertThat(chunks.get(2).text()).isEqualTo("Use `apt`.");
        assertThat(chunks.get(2).uri()).isEqualTo("knowledge/guide/setup.md#on-linux");
        assertThat(chunks.get(0).source()).isEqualTo("guide/setup.md");
    }

    @Test
    void cutsALongSectionBetweenBlocksAndFilesWithoutHeadingsUseTheirPath() {
        String paragraph = "word ".repeat(100).strip();
        List<KnowledgeChunk> chunks = chunker.chunk("notes.md", paragraph + "\n\n" + paragraph + "\n\n" + paragraph);
        assertThat(chunks).hasSize(3);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.title()).isEqualTo("notes.md");
            assertThat(chunk.text().split("\\s+").length).isLessThanOrEqualTo(MarkdownChunker.MAX_WORDS);
        });
    }

    @Test
    void aLoneCarriageReturnEndsALineAsInCommonMarkAndNoInputThrows() {
        // CommonMark ends a line at a lone \r too; the chunker's own lines did not, and read past their end.
        List<KnowledgeChunk> chunks = chunker.chunk("lone.md", "# Lone\r\rThe line ends with a lone return.\r- an item\r");
        assertThat(chunks).singleElement().satisfies(chunk -> {
            assertThat(chunk.title()).isEqualTo("Lone");
            assertThat(chunk.text()).isEqualTo("The line ends with a lone return.\n- an item");
        });
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[random.nextInt(4_000)];
            random.nextBytes(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThatCode(() -> chunker.chunk("noise.md", text)).as("random bytes, seed 7, try %d", i)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aLongTableIsCutBetweenRowsAndEveryPartKeepsTheHeader() {
        StringBuilder table = new StringBuilder("# Attacks\n\n| attack | outcome |\n|---|---|\n");
        for (int row = 0; row < 40; row++) {
            table.append("| attack number ").append(row).append(" of the suite | refused; the socket goes on |\n");
        }
        List<KnowledgeChunk> chunks = chunker.chunk("attacks.md", table.toString());
        assertThat(chunks).hasSizeGreaterThan(1).allSatisfy(chunk -> {
            List<String> lines = List.of(chunk.text().split("\n"));
            assertThat(lines.subList(0, 2)).containsExactly("| attack | outcome |", "|---|---|");
            assertThat(lines.subList(2, lines.size())).allMatch(line -> line.matches("\\| attack number \\d+ .* \\|"));
            assertThat(chunk.text().split("\\s+").length).isLessThanOrEqualTo(MarkdownChunker.MAX_WORDS);
        });
        assertThat(chunks.stream().mapToLong(chunk -> chunk.text().lines().count() - 2).sum()).isEqualTo(40);
    }

    @Test
    void sameTextHasTheSameContentHashWhereverItIs() {
        KnowledgeChunk a = new KnowledgeChunk("a.md", "T", "t", "Same.");
        KnowledgeChunk b = new KnowledgeChunk("b.md", "T", "t", "Same.");
        assertThat(a.contentHash()).isEqualTo(b.contentHash()).hasSize(64);
        assertThat(new KnowledgeChunk("a.md", "T", "t", "Other.").contentHash()).isNotEqualTo(a.contentHash());
    }
}
