package io.jooqrelations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.jooqrelations.query.NestedReads;
import io.jooqrelations.test.StatementCounter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The sample service over real HTTP on a random port: the JSON it serves, and one SQL statement per request. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SampleServiceTest.CountStatements.class)
class SampleServiceTest {

    @TestConfiguration
    static class CountStatements {
        @Bean
        StatementCounter statementCounter() {
            return new StatementCounter();
        }

        @Bean
        DefaultExecuteListenerProvider countingListener(StatementCounter counter) {
            return new DefaultExecuteListenerProvider(counter);
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    StatementCounter counter;

    @Autowired
    NestedReads reads;

    @BeforeEach
    void resetCounter() {
        counter.reset();
    }

    @Test
    void invoiceDetailIsTheNestedTreeInOneStatement() throws Exception {
        HttpResponse<String> response = get("/invoices/1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode invoice = mapper.readTree(response.body());
        assertThat(invoice.get("id").asLong()).isEqualTo(1);
        assertThat(invoice.get("organization").get("name").asString()).isNotBlank();
        assertThat(invoice.get("lineItems").isArray()).isTrue();
        assertThat(invoice.get("lineItems").get(0).has("invoiceId")).isFalse();     // omitted
        assertThat(invoice.get("tags").isArray()).isTrue();
        assertThat(counter.count()).isEqualTo(1);
    }

    @Test
    void dashboardHoldsAtMostFiveNewestInvoicesWithLineItemsAndTheMembers() throws Exception {
        JsonNode dashboard = mapper.readTree(ok("/organizations/1/dashboard"));

        List<String> issued = new ArrayList<>();
        dashboard.get("invoices").forEach(i -> issued.add(i.get("issuedOn").asString()));
        assertThat(issued).hasSizeBetween(1, 5).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(dashboard.get("invoices").get(0).get("lineItems").isArray()).isTrue();
        assertThat(dashboard.get("memberships").get(0).get("user").get("email").asString()).contains("@");
        assertThat(counter.count()).isEqualTo(1);
    }

    @Test
    void keysetPagesFollowEachOtherWithoutGapsOrRepeatsOneStatementEach() throws Exception {
        List<Long> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            counter.reset();
            JsonNode page = mapper.readTree(ok("/organizations/1/invoices?size=2"
                    + (cursor == null ? "" : "&after=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8))));
            page.get("invoices").forEach(i -> paged.add(i.get("id").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            assertThat(counter.count()).isEqualTo(1);
            pages++;
        } while (cursor != null && pages < 100);

        List<Long> all = reads.from(io.jooqrelations.schema.Tables.INVOICES)
                .where(io.jooqrelations.schema.Tables.INVOICES.ORGANIZATION_ID.eq(1L))
                .orderBy(io.jooqrelations.schema.Tables.INVOICES.ISSUED_ON.desc(), io.jooqrelations.schema.Tables.INVOICES.ID.desc())
                .findMany().stream().map(n -> n.record().getId()).toList();
        assertThat(paged).isEqualTo(all).hasSizeGreaterThan(2);
    }

    @Test
    void commentThreadNestsRepliesWithTheirAuthors() throws Exception {
        JsonNode thread = mapper.readTree(ok("/invoices/1/comments"));

        assertThat(thread.get("comments").isArray()).isTrue();
        boolean anyReply = false;
        for (JsonNode comment : thread.get("comments")) {
            assertThat(comment.get("author").get("displayName").asString()).isNotBlank();
            anyReply |= !comment.get("replies").isEmpty();
        }
        assertThat(anyReply).as("invoice 1 of the demo data has a reply").isTrue();
        assertThat(counter.count()).isEqualTo(1);
    }

    @Test
    void anUnknownInvoiceIs404AndAForgedCursorIs400WithTheLibrarysMessage() throws Exception {
        assertThat(get("/invoices/999999").statusCode()).isEqualTo(404);
        HttpResponse<String> forged = get("/organizations/1/invoices?after=not-a-cursor");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("cursor");
    }

    private String ok(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
