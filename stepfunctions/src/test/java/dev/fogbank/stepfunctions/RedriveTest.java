package dev.fogbank.stepfunctions;

import static dev.fogbank.stepfunctions.EngineHarness.json;
import static dev.fogbank.stepfunctions.EngineHarness.q;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fogbank.stepfunctions.model.Execution;
import dev.fogbank.stepfunctions.model.ExecutionStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RedriveExecution through nested Parallel and inline Map states on a frozen clock: what was left
 * unfinished resumes where it stood, at every level, and nothing that finished runs again.
 */
class RedriveTest {

  private final EngineHarness h = new EngineHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static long entered(Execution e, String state) {
    return e.history().events().stream().filter(ev -> ev.path("stateEnteredEventDetails").path("name").asText().equals(state))
        .count();
  }

  @Test
  void abortedBranchesInsideMapIterationsResumeAtTheirWait() {
    Execution e = h.run(q("""
        {'StartAt':'Each','States':{'Each':{'Type':'Map','End':true,
          'ItemProcessor':{'StartAt':'Both','States':{'Both':{'Type':'Parallel','End':true,'Branches':[
            {'StartAt':'A','States':{'A':{'Type':'Pass','Result':'a','End':true}}},
            {'StartAt':'Hold','States':{
              'Hold':{'Type':'Wait','Seconds':60,'Next':'B'},
              'B':{'Type':'Pass','Result':'b','End':true}}}]}}}}}}
        """), "[1,2]");
    // both iterations wait in branch two; the execution is stopped there
    assertEquals(2, entered(e, "Hold"));
    e.stopper().run();
    assertEquals(ExecutionStatus.ABORTED, e.status());

    h.engine.redrive(e);
    assertEquals(ExecutionStatus.RUNNING, e.status());
    h.advance(Duration.ofSeconds(60));
    assertEquals(ExecutionStatus.SUCCEEDED, e.status(), e.cause());
    assertEquals(json("[[\"a\",\"b\"],[\"a\",\"b\"]]"), json(e.output()));
    // branch one finished before the stop and did not run again; each Wait was entered again
    assertEquals(2, entered(e, "A"));
    assertEquals(4, entered(e, "Hold"));
    assertEquals(2, entered(e, "B"));
    assertEquals(2, entered(e, "Each"));
  }
}
