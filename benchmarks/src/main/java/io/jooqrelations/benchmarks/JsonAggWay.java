package io.jooqrelations.benchmarks;

import io.jooqrelations.benchmarks.Views.BulkInvoice;
import io.jooqrelations.benchmarks.Views.CommentLeaf;
import io.jooqrelations.benchmarks.Views.CommentReply;
import io.jooqrelations.benchmarks.Views.CommentThread;
import io.jooqrelations.benchmarks.Views.Dashboard;
import io.jooqrelations.benchmarks.Views.InvoiceDetail;
import io.jooqrelations.benchmarks.Views.InvoiceListItem;
import io.jooqrelations.benchmarks.Views.LineItemView;
import io.jooqrelations.benchmarks.Views.MembershipView;
import io.jooqrelations.benchmarks.Views.OrgView;
import io.jooqrelations.benchmarks.Views.TagView;
import io.jooqrelations.benchmarks.Views.UserView;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.tools.json.JSONParser;
import org.jooq.tools.json.ParseException;

/**
 * Way (c): hand-written SQL over plain JDBC, the way Drizzle renders a nested read: {@code left join lateral} one
 * {@code json_agg} per to-many, {@code json_build_object} per row, the whole tree as ONE JSON value that PostgreSQL
 * builds, parsed here with jOOQ's bundled {@link JSONParser} into the same view records.
 *
 * <p>Numerics travel as text ({@code total::text}): the bundled parser reads JSON numbers as {@code double}, which
 * would not round-trip {@code numeric(12,2)} as the exact {@link BigDecimal} the other ways return.
 */
public final class JsonAggWay implements Way {

    private static final String LINE_ITEMS = """
            left join lateral (
              select coalesce(json_agg(json_build_object('id', li.id, 'position', li.position,
                       'description', li.description, 'quantity', li.quantity, 'unitPrice', li.unit_price::text)
                     order by li.position), '[]') as items
              from invoice_line_items li
              where li.invoice_id = i.id
            ) li on true
            """;

    private static final String TAGS = """
            left join lateral (
              select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'color', t.color)
                     order by t.name), '[]') as items
              from invoice_tags it
              join tags t on t.id = it.tag_id
              where it.invoice_id = i.id
            ) t on true
            """;

    private static final String INVOICE_FIELDS = """
            'id', i.id, 'number', i.number, 'status', i.status, 'total', i.total::text, 'issuedOn', i.issued_on,
            'lineItems', li.items, 'tags', t.items""";

    static final String INVOICE_DETAIL = """
            select json_build_object(%s,
              'organization', json_build_object('id', o.id, 'name', o.name, 'slug', o.slug),
              'assignee', %s)
            from invoices i
            join organizations o on o.id = i.organization_id
            left join users u on u.id = i.assigned_to_id
            %s%s
            where i.id = ?
            """.formatted(INVOICE_FIELDS, user("u"), LINE_ITEMS, TAGS);

    static final String LIST_PAGE = """
            select coalesce(json_agg(json_build_object(%s) order by i.issued_on desc, i.id desc), '[]')
            from (
              select id, number, status, total, issued_on
              from invoices
              where organization_id = ?
              order by issued_on desc, id desc
              limit ?
            ) i
            %s%s""".formatted(INVOICE_FIELDS, LINE_ITEMS, TAGS);

    static final String DASHBOARD = """
            select json_build_object('id', o.id, 'name', o.name, 'slug', o.slug,
              'invoices', inv.items, 'memberships', mem.items)
            from organizations o
            left join lateral (
              select coalesce(json_agg(json_build_object(%s) order by i.issued_on desc, i.id desc), '[]') as items
              from (
                select id, number, status, total, issued_on
                from invoices
                where organization_id = o.id
                order by issued_on desc, id desc
                limit ?
              ) i
              %s%s
            ) inv on true
            left join lateral (
              select coalesce(json_agg(json_build_object('id', m.id, 'role', m.role, 'user', %s) order by m.id), '[]')
                     as items
              from memberships m
              join users u on u.id = m.user_id
              where m.organization_id = o.id
            ) mem on true
            where o.id = ?
            """.formatted(INVOICE_FIELDS, LINE_ITEMS, TAGS, user("u"));

    static final String BULK = """
            select coalesce(json_agg(json_build_object('id', i.id, 'number', i.number, 'total', i.total::text,
                     'lineItems', li.items) order by i.id), '[]')
            from invoices i
            %s
            where i.id between ? and ?
            """.formatted(LINE_ITEMS);

    static final String COMMENT_THREADS = """
            select coalesce(json_agg(json_build_object('id', c1.id, 'body', c1.body, 'author', %s,
                     'replies', r1.items) order by c1.id), '[]')
            from comments c1
            left join users u1 on u1.id = c1.author_id
            left join lateral (
              select coalesce(json_agg(json_build_object('id', c2.id, 'body', c2.body, 'author', %s,
                       'replies', r2.items) order by c2.id), '[]') as items
              from comments c2
              left join users u2 on u2.id = c2.author_id
              left join lateral (
                select coalesce(json_agg(json_build_object('id', c3.id, 'body', c3.body, 'author', %s)
                         order by c3.id), '[]') as items
                from comments c3
                left join users u3 on u3.id = c3.author_id
                where c3.parent_id = c2.id
              ) r2 on true
              where c2.parent_id = c1.id
            ) r1 on true
            where c1.invoice_id = ? and c1.parent_id is null
            """.formatted(user("u1"), user("u2"), user("u3"));

    private final Connection connection;
    private final StatementTally tally;

    /** Reads over {@code connection} (kept open by the caller), counting each statement in {@code tally}. */
    public JsonAggWay(Connection connection, StatementTally tally) {
        this.connection = connection;
        this.tally = tally;
    }

    private static String user(String alias) {
        return "case when %1$s.id is null then null else json_build_object('id', %1$s.id, 'email', %1$s.email, "
                .formatted(alias) + "'displayName', %s.display_name) end".formatted(alias);
    }

    @Override
    public InvoiceDetail invoiceDetail(long invoiceId) {
        Map<?, ?> o = (Map<?, ?>) fetchJson(INVOICE_DETAIL, invoiceId);
        if (o == null) {
            return null;
        }
        return new InvoiceDetail(longOf(o.get("id")), (String) o.get("number"), (String) o.get("status"),
                decimalOf(o.get("total")), dateOf(o.get("issuedOn")), list(o.get("lineItems"), JsonAggWay::lineItem),
                list(o.get("tags"), JsonAggWay::tag), org(o.get("organization")), user(o.get("assignee")));
    }

    @Override
    public List<InvoiceListItem> listPage(long organizationId, int size) {
        return list(fetchJson(LIST_PAGE, organizationId, size), JsonAggWay::listItem);
    }

    @Override
    public Dashboard dashboard(long organizationId, int latest) {
        Map<?, ?> o = (Map<?, ?>) fetchJson(DASHBOARD, latest, organizationId);
        if (o == null) {
            return null;
        }
        return new Dashboard(longOf(o.get("id")), (String) o.get("name"), (String) o.get("slug"),
                list(o.get("invoices"), JsonAggWay::listItem), list(o.get("memberships"), JsonAggWay::membership));
    }

    @Override
    public List<BulkInvoice> bulk(long firstId, long lastId) {
        return list(fetchJson(BULK, firstId, lastId), o -> new BulkInvoice(longOf(o.get("id")), (String) o.get("number"),
                decimalOf(o.get("total")), list(o.get("lineItems"), JsonAggWay::lineItem)));
    }

    @Override
    public List<CommentThread> commentThreads(long invoiceId) {
        return list(fetchJson(COMMENT_THREADS, invoiceId), c -> new CommentThread(longOf(c.get("id")),
                (String) c.get("body"), user(c.get("author")), list(c.get("replies"), r -> new CommentReply(
                        longOf(r.get("id")), (String) r.get("body"), user(r.get("author")), list(r.get("replies"),
                                l -> new CommentLeaf(longOf(l.get("id")), (String) l.get("body"), user(l.get("author"))))))));
    }

    @Override
    public String json(String scenario, long target) {
        return switch (scenario) {
            case "S1" -> fetchText(INVOICE_DETAIL, target);
            case "S2" -> fetchText(LIST_PAGE, target, Targets.PAGE_SIZE);
            case "S3" -> fetchText(DASHBOARD, Targets.DASHBOARD_INVOICES, target);
            case "S5" -> fetchText(COMMENT_THREADS, target);
            default -> throw new IllegalArgumentException("no JSON read for " + scenario);
        };
    }

    /** Runs {@code sql} with {@code params} and returns the single JSON value it returns as text (null when no row). */
    private String fetchText(String sql, Object... params) {
        tally.add();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("json_agg read failed: " + e + "\n" + sql, e);
        }
    }

    /** Runs {@code sql} with {@code params} and parses the single JSON value it returns (null when no row). */
    private Object fetchJson(String sql, Object... params) {
        String json = fetchText(sql, params);
        try {
            return json == null ? null : new JSONParser().parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("json_agg read failed: " + e + "\n" + sql, e);
        }
    }

    private static InvoiceListItem listItem(Map<?, ?> o) {
        return new InvoiceListItem(longOf(o.get("id")), (String) o.get("number"), (String) o.get("status"),
                decimalOf(o.get("total")), dateOf(o.get("issuedOn")), list(o.get("lineItems"), JsonAggWay::lineItem),
                list(o.get("tags"), JsonAggWay::tag));
    }

    private static LineItemView lineItem(Map<?, ?> o) {
        return new LineItemView(longOf(o.get("id")), intOf(o.get("position")), (String) o.get("description"),
                intOf(o.get("quantity")), decimalOf(o.get("unitPrice")));
    }

    private static TagView tag(Map<?, ?> o) {
        return new TagView(longOf(o.get("id")), (String) o.get("name"), (String) o.get("color"));
    }

    private static MembershipView membership(Map<?, ?> o) {
        return new MembershipView(longOf(o.get("id")), (String) o.get("role"), user(o.get("user")));
    }

    private static OrgView org(Object value) {
        Map<?, ?> o = (Map<?, ?>) value;
        return o == null ? null : new OrgView(longOf(o.get("id")), (String) o.get("name"), (String) o.get("slug"));
    }

    private static UserView user(Object value) {
        Map<?, ?> o = (Map<?, ?>) value;
        return o == null ? null : new UserView(longOf(o.get("id")), (String) o.get("email"), (String) o.get("displayName"));
    }

    private static <T> List<T> list(Object value, Function<Map<?, ?>, T> element) {
        List<?> array = (List<?>) value;
        if (array == null) {
            return List.of();
        }
        List<T> result = new ArrayList<>(array.size());
        for (Object o : array) {
            result.add(element.apply((Map<?, ?>) o));
        }
        return List.copyOf(result);
    }

    private static long longOf(Object value) {
        return ((Number) value).longValue();
    }

    private static int intOf(Object value) {
        return ((Number) value).intValue();
    }

    private static BigDecimal decimalOf(Object value) {
        return value == null ? null : new BigDecimal((String) value);
    }

    private static LocalDate dateOf(Object value) {
        return value == null ? null : LocalDate.parse((String) value);
    }
}
