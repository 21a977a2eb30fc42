package dev.fogbank.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against Fogbank embedded in the test JVM, and injects into test,
 * lifecycle and constructor parameters:
 *
 * <ul>
 *   <li>the {@link Fogbank} handle (endpoint, clock, reset);
 *   <li>its {@link FogbankClock};
 *   <li>any AWS SDK v2 client ({@code SqsClient}, {@code DynamoDbAsyncClient}, … — any {@code
 *       *Client} type with a static {@code builder()}) pointed at it, closed when the test (or, for
 *       class-level parameters, the class) is done.
 * </ul>
 *
 * <pre>{@code
 * @FogbankTest(services = "sqs", virtualTime = true)
 * class OrderQueueTest {
 *   @Test
 *   void messageComesBackAfterVisibilityTimeout(SqsClient sqs, Fogbank fogbank) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FogbankTestExtension.class)
public @interface FogbankTest {

  /** The services to run, by endpoint prefix ({@code "sqs"}, {@code "lambda"}); none = all. */
  String[] services() default {};

  /** A frozen virtual clock that moves only through {@link FogbankClock#advance}. */
  boolean virtualTime() default false;

  String region() default "us-east-1";

  String account() default "000000000000";

  /** Service settings as {@code name=value}, e.g. {@code "sqs.queue-url-style=domain"}. */
  String[] settings() default {};

  /** One Fogbank for the whole class (the default) or a fresh one for every test. */
  Lifecycle lifecycle() default Lifecycle.PER_CLASS;

  /** How long one embedded Fogbank lives. */
  enum Lifecycle {
    /** Started before the class's first test, stopped after its last; tests share resources. */
    PER_CLASS,
    /** Started for each test and stopped after it: every test sees an empty Fogbank. */
    PER_TEST
  }
}
