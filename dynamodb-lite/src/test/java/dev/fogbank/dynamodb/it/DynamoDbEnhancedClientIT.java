package dev.fogbank.dynamodb.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fogbank.testkit.FogbankExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.model.CreateTableEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/** The Enhanced Client maps a bean to an item and back, with versioning and an index query. */
class DynamoDbEnhancedClientIT {

  @RegisterExtension static final FogbankExtension fogbank = FogbankExtension.withVirtualTime();

  @DynamoDbBean
  public static class Order {
    private String customer;
    private Integer number;
    private String status;
    private BigDecimal total;
    private Instant placed;
    private List<String> lines;
    private Set<String> labels;
    private Map<String, String> attributes;
    private Boolean gift;
    private Long version;

    @DynamoDbPartitionKey
    public String getCustomer() {
      return customer;
    }

    public void setCustomer(String customer) {
      this.customer = customer;
    }

    @DynamoDbSortKey
    public Integer getNumber() {
      return number;
    }

    public void setNumber(Integer number) {
      this.number = number;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = "by-status")
    public String getStatus() {
      return status;
    }

    public void setStatus(String status) {
      this.status = status;
    }

    public BigDecimal getTotal() {
      return total;
    }

    public void setTotal(BigDecimal total) {
      this.total = total;
    }

    public Instant getPlaced() {
      return placed;
    }

    public void setPlaced(Instant placed) {
      this.placed = placed;
    }

    public List<String> getLines() {
      return lines;
    }

    public void setLines(List<String> lines) {
      this.lines = lines;
    }

    public Set<String> getLabels() {
      return labels;
    }

    public void setLabels(Set<String> labels) {
      this.labels = labels;
    }

    public Map<String, String> getAttributes() {
      return attributes;
    }

    public void setAttributes(Map<String, String> attributes) {
      this.attributes = attributes;
    }

    public Boolean getGift() {
      return gift;
    }

    public void setGift(Boolean gift) {
      this.gift = gift;
    }

    @DynamoDbVersionAttribute
    public Long getVersion() {
      return version;
    }

    public void setVersion(Long version) {
      this.version = version;
    }
  }

  @Test
  void beanRoundTripVersioningAndIndexQuery() {
    DynamoDbEnhancedClient enhanced =
        DynamoDbEnhancedClient.builder().dynamoDbClient(fogbank.client(DynamoDbClient.builder())).build();
    DynamoDbTable<Order> orders = enhanced.table(Tables.unique("enhanced"), TableSchema.fromBean(Order.class));
    orders.createTable(CreateTableEnhancedRequest.builder()
        .globalSecondaryIndices(EnhancedGlobalSecondaryIndex.builder().indexName("by-status")
            .projection(p -> p.projectionType(ProjectionType.ALL)).build())
        .build());

    Order order = new Order();
    order.setCustomer("ada");
    order.setNumber(7);
    order.setStatus("OPEN");
    order.setTotal(new BigDecimal("19.99"));
    order.setPlaced(Instant.parse("2025-03-01T10:15:30Z"));
    order.setLines(List.of("book", "pen"));
    order.setLabels(Set.of("priority"));
    order.setAttributes(Map.of("channel", "web"));
    order.setGift(true);
    orders.putItem(order);

    Order read = orders.getItem(Key.builder().partitionValue("ada").sortValue(7).build());
    assertEquals(new BigDecimal("19.99"), read.getTotal());
    assertEquals(Instant.parse("2025-03-01T10:15:30Z"), read.getPlaced());
    assertEquals(List.of("book", "pen"), read.getLines());
    assertEquals(Set.of("priority"), read.getLabels());
    assertEquals(Map.of("channel", "web"), read.getAttributes());
    assertEquals(Boolean.TRUE, read.getGift());
    assertEquals(1L, read.getVersion());

    read.setStatus("SHIPPED");
    Order updated = orders.updateItem(read);
    assertEquals(2L, updated.getVersion());
    // a stale version fails the optimistic lock's condition
    assertThrows(ConditionalCheckFailedException.class, () -> orders.putItem(read));

    DynamoDbIndex<Order> byStatus = orders.index("by-status");
    List<Order> shipped = byStatus.query(QueryConditional.keyEqualTo(Key.builder().partitionValue("SHIPPED").build()))
        .stream().flatMap(p -> p.items().stream()).toList();
    assertEquals(1, shipped.size());
    assertEquals(7, shipped.get(0).getNumber());

    List<Order> filtered = orders.query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue("ada")))
        .filterExpression(Expression.builder().expression("gift = :g")
            .putExpressionValue(":g", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(true)).build()))
        .items().stream().toList();
    assertEquals(1, filtered.size());

    orders.deleteItem(Key.builder().partitionValue("ada").sortValue(7).build());
    assertNull(orders.getItem(Key.builder().partitionValue("ada").sortValue(7).build()));
  }
}
