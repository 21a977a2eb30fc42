package dev.fogbank.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's operations table is the one the code makes; regenerate with ./fogbank operations. */
class ReadmeOperationsTableTest {

  @Test
  void readmeListsTheOperationsEachServiceImplements() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf(OperationsTable.START);
    int end = readme.indexOf(OperationsTable.END);
    assertTrue(start >= 0 && end > start, "README.md has no generated operations table");
    String current = readme.substring(start, end + OperationsTable.END.length() + 1);
    String expected = OperationsTable.markdown();
    assertEquals(expected, current, "README.md's operations table is stale: run ./fogbank operations and paste it");
  }
}
