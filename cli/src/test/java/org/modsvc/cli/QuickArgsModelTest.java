package org.modsvc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code quick-args.txt} is what the picocli annotations say today; with {@code
 * -Dmodsvc.updateGolden=true} it is written anew from them (then review the diff).
 */
class QuickArgsModelTest {
    private static final Path RESOURCE = Path.of("src/main/resources/org/modsvc/cli/" + QuickArgsModel.RESOURCE);

    @Test
    void theShippedModelIsTheAnnotations() throws Exception {
        var commands = new LinkedHashMap<String, Class<?>>();
        for (String c : QuickArgsDifferentialTest.COMMANDS) commands.put(c, QuickArgsDifferentialTest.commandClass(c));
        String fresh = QuickArgsModel.render(commands);
        if (Boolean.getBoolean("modsvc.updateGolden")) {
            Files.createDirectories(RESOURCE.getParent());
            Files.writeString(RESOURCE, fresh, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(RESOURCE, StandardCharsets.UTF_8))
                .as("%s is stale: run this test with -Dmodsvc.updateGolden=true and review the diff", RESOURCE)
                .isEqualTo(fresh);
        for (String c : QuickArgsDifferentialTest.COMMANDS) {
            assertThat(QuickArgsModel.fromAnnotations(commands.get(c)))
                    .as("%s has a fast path", c)
                    .isNotNull()
                    .isEqualTo(QuickArgsModel.shipped(c));
        }
    }
}
