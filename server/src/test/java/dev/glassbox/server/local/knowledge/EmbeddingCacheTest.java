package dev.glassbox.server.local.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {

    @Test
    void aFailedSaveLeavesNoTemporaryFileBehind(@TempDir Path folder) throws Exception {
        EmbeddingCache cache = new EmbeddingCache(folder, 2);
        // A non-empty folder where the cache file belongs: the final move fails every time.
        Path blocked = Files.createDirectories(folder.resolve("all-minilm-l6-v2-q-2.bin"));
        Files.writeString(blocked.resolve("occupied"), "x");
        for (int i = 0; i < 3; i++) {
            cache.put("hash" + i, new float[] {1, 0});
            cache.save();
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("all-minilm-l6-v2-q-2.bin");
        }
    }
}
