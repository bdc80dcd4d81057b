package io.jooqrelations.benchmarks;

import io.jooqrelations.benchmarks.Views.InvoiceDetail;
import io.jooqrelations.query.PreparedRead;
import io.jooqrelations.query.Read;
import io.jooqrelations.schema.tables.records.InvoicesRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Client-side overhead of the S1 read, without a database in the measured path: what the JVM spends to build the read,
 * render its SQL, and turn the rows PostgreSQL sends back into view records.
 *
 * <ul>
 *   <li>{@code *_build}: build the read (a) or the query (b), nothing rendered;</li>
 *   <li>{@code *_buildAndRender}: build the read and render its SQL (nothing is run);</li>
 *   <li>{@code *_endToEndOnMockJdbc}: the whole client path — build, render, bind, read the JDBC result, parse the
 *       MULTISET JSON, map into {@link InvoiceDetail} — against jOOQ's {@link MockConnection} that replays the real
 *       rows of one typical invoice (5 line items, 2 tags, an assignee), captured once at setup from a small generated
 *       data set;</li>
 *   <li>{@code a_prepared_endToEndOnMockJdbc}: the same through {@code Read.prepare()}, the library's way to build
 *       and render a read once and run it many times;</li>
 *   <li>{@code a_json_*}: the JSON read ({@code findFirstJson}), unprepared and prepared, against
 *       {@code plain_json_endToEndOnMockJdbc}, jOOQ running a plain SQL string with one bind value and fetching its one
 *       value: what any jOOQ read of a JSON text costs, the floor of the library's JSON reads.</li>
 * </ul>
 *
 * <p>The library has no public hook that maps a given jOOQ {@code Result} (its decoder and record mapper are
 * package-private), so mapping alone is measured as end-to-end minus build-and-render, through the mock driver.
 * Way (b), hand-written MULTISET, is measured the same way for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ClientOverheadBenchmark {

    private long invoiceId;
    private LibraryWay renderLibrary;
    private MultisetWay renderMultiset;
    private DSLContext renderDsl;
    private LibraryWay mockedLibrary;
    private MultisetWay mockedMultiset;
    private PreparedRead<InvoicesRecord> mockedPrepared;
    private LibraryWay mockedJsonLibrary;
    private PreparedRead<InvoicesRecord> mockedJsonPrepared;
    private DSLContext mockedJson;
    private String jsonSql;

    @Setup(Level.Trial)
    public void capture() {
        try (BenchmarkDatabase db = BenchmarkDatabase.start(DataSize.ofScale(0.01), System.out)) {
            invoiceId = typicalInvoice(db);
            Read<?> read = new LibraryWay(db.dsl()).invoiceDetailRead(invoiceId);
            Result<Record> libraryRows = jdbcRows(db.connection(), read.toSQL(), read.bindValues());
            ResultQuery<?> query = new MultisetWay(db.dsl()).invoiceDetailQuery(invoiceId);
            Result<Record> multisetRows = jdbcRows(db.connection(), query.getSQL(), query.getBindValues());
            if (libraryRows.size() != 1 || multisetRows.size() != 1) {
                throw new IllegalStateException("expected one row for invoice " + invoiceId);
            }
            Read<?> jsonRead = new LibraryWay(db.dsl()).invoiceDetailRead(invoiceId);
            jsonSql = jsonRead.statements().findFirstJson();
            Result<Record> jsonRows = jdbcRows(db.connection(), jsonSql, List.of(invoiceId));
            renderDsl = DSL.using(SQLDialect.POSTGRES, settings());
            renderLibrary = new LibraryWay(renderDsl);
            renderMultiset = new MultisetWay(renderDsl);
            mockedLibrary = new LibraryWay(replaying(libraryRows));
            mockedMultiset = new MultisetWay(replaying(multisetRows));
            mockedPrepared = new LibraryWay(replaying(libraryRows)).invoiceDetailRead(DSL.param("id", Long.class)).prepare();
            mockedJson = replaying(jsonRows);
            mockedJsonLibrary = new LibraryWay(mockedJson);
            mockedJsonPrepared = new LibraryWay(mockedJson).invoiceDetailRead(DSL.param("id", Long.class)).prepare();
            String expectedJson = db.ways().library().json("S1", invoiceId);
            if (!expectedJson.equals(a_json_endToEndOnMockJdbc()) || !expectedJson.equals(a_json_prepared_endToEndOnMockJdbc())
                    || !expectedJson.equals(plain_json_endToEndOnMockJdbc())) {
                throw new IllegalStateException("the replayed JSON row is not the invoice's JSON read from the database");
            }
            InvoiceDetail expected = db.ways().library().invoiceDetail(invoiceId);
            if (!expected.equals(mockedLibrary.invoiceDetail(invoiceId))
                    || !expected.equals(mockedMultiset.invoiceDetail(invoiceId))
                    || !expected.equals(a_prepared_endToEndOnMockJdbc())) {
                throw new IllegalStateException("the replayed rows do not map to the invoice read from the database");
            }
            System.out.printf("Client-side overhead of S1 measured on invoice %d (%d line items, %d tags, assignee %d)%n",
                    expected.id(), expected.lineItems().size(), expected.tags().size(), expected.assignee().id());
        }
    }

    /** An invoice with 5 line items, 2 tags and an assignee (the averages of the data set). */
    private static long typicalInvoice(BenchmarkDatabase db) {
        for (long id = 1; id <= db.size().invoices(); id++) {
            InvoiceDetail i = db.ways().library().invoiceDetail(id);
            if (i.lineItems().size() == 5 && i.tags().size() == 2 && i.assignee() != null) {
                return id;
            }
        }
        throw new IllegalStateException("no invoice with 5 line items, 2 tags and an assignee");
    }

    /**
     * The rows exactly as the PostgreSQL driver hands them over ({@code getObject}: a {@code PGobject} for jsonb and
     * row values), so that replaying them makes jOOQ do the same parsing work as against the real driver.
     */
    @SuppressWarnings("unchecked")
    private static Result<Record> jdbcRows(Connection connection, String sql, List<Object> binds) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < binds.size(); i++) {
                ps.setObject(i + 1, binds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Field<?>> fields = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    fields.add(DSL.field(DSL.name(meta.getColumnLabel(i)), SQLDataType.OTHER));
                }
                DSLContext plain = DSL.using(SQLDialect.POSTGRES);
                Result<Record> rows = plain.newResult(fields);
                while (rs.next()) {
                    Record row = plain.newRecord(fields);
                    for (int i = 0; i < fields.size(); i++) {
                        row.set((Field<Object>) fields.get(i), rs.getObject(i + 1));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not capture the rows of " + sql + ": " + e.getMessage(), e);
        }
    }

    private static Settings settings() {
        return new Settings().withExecuteLogging(false);
    }

    private static DSLContext replaying(Result<Record> rows) {
        return DSL.using(new MockConnection(ctx -> new MockResult[] {new MockResult(rows.size(), rows)}),
                SQLDialect.POSTGRES, settings());
    }

    /** (a) build the S1 read (nothing rendered). */
    @Benchmark
    public Read<?> a_build() {
        return renderLibrary.invoiceDetailRead(invoiceId);
    }

    /** (b) build the hand-written S1 query (nothing rendered). */
    @Benchmark
    public ResultQuery<?> b_build() {
        return renderMultiset.invoiceDetailQuery(invoiceId);
    }

    /** (a) build the S1 read and render its SQL. */
    @Benchmark
    public String a_buildAndRender() {
        return renderLibrary.invoiceDetailRead(invoiceId).toSQL();
    }

    /** (b) build the hand-written S1 query and render its SQL. */
    @Benchmark
    public String b_buildAndRender() {
        return renderDsl.render(renderMultiset.invoiceDetailQuery(invoiceId));
    }

    /** (a) build, render, execute on the mock driver, parse, decode and map into records. */
    @Benchmark
    public InvoiceDetail a_endToEndOnMockJdbc() {
        return mockedLibrary.invoiceDetail(invoiceId);
    }

    /** (a) the same with the read prepared once ({@code Read.prepare()}): only binding, parsing and mapping remain. */
    @Benchmark
    public InvoiceDetail a_prepared_endToEndOnMockJdbc() {
        return mockedPrepared.findMany(InvoiceDetail.class, Map.of("id", invoiceId)).get(0);
    }

    /** (b) the same with hand-written MULTISET and {@code Records.mapping}. */
    @Benchmark
    public InvoiceDetail b_endToEndOnMockJdbc() {
        return mockedMultiset.invoiceDetail(invoiceId);
    }

    /** (a) the JSON read: build, look the statement up (or render it), execute on the mock driver, return the text. */
    @Benchmark
    public String a_json_endToEndOnMockJdbc() {
        return mockedJsonLibrary.json("S1", invoiceId);
    }

    /** (a) the JSON read prepared once: bind, execute, return the text. */
    @Benchmark
    public String a_json_prepared_endToEndOnMockJdbc() {
        return mockedJsonPrepared.findFirstJson(Map.of("id", invoiceId)).orElseThrow();
    }

    /** jOOQ alone: the JSON read's SQL as a plain SQL string with its bind value, fetching the one value as text. */
    @Benchmark
    public String plain_json_endToEndOnMockJdbc() {
        return mockedJson.resultQuery(jsonSql, invoiceId).fetchOne(0, String.class);
    }
}
