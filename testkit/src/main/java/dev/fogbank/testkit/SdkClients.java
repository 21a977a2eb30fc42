package dev.fogbank.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

/**
 * Builds an SDK v2 client from its type alone: every service client interface ({@code SqsClient},
 * {@code S3AsyncClient}, …) has a static {@code builder()} returning an {@link AwsClientBuilder}.
 */
final class SdkClients {

  private SdkClients() {}

  /** Whether {@code type} is an SDK v2 client this class can build. */
  static boolean isClient(Class<?> type) {
    return builderMethod(type) != null;
  }

  static <C> C build(Class<C> type, Fogbank fogbank) {
    Method builder = builderMethod(type);
    if (builder == null) {
      throw new IllegalArgumentException(type.getName() + " is not an AWS SDK v2 client: it has no static builder()");
    }
    Object b;
    try {
      b = builder.invoke(null);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot create a builder for " + type.getName(), e);
    }
    return type.cast(configureAndBuild((AwsClientBuilder<?, ?>) b, fogbank));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object configureAndBuild(AwsClientBuilder builder, Fogbank fogbank) {
    return AwsClients.configure(builder, fogbank).build();
  }

  private static Method builderMethod(Class<?> type) {
    if (!type.getSimpleName().endsWith("Client")) {
      return null;
    }
    try {
      Method m = type.getMethod("builder");
      if (Modifier.isStatic(m.getModifiers()) && AwsClientBuilder.class.isAssignableFrom(m.getReturnType())) {
        return m;
      }
    } catch (NoSuchMethodException | NoClassDefFoundError e) {
      // not a client, or the SDK core is not on the class path
    }
    return null;
  }
}
