package io.jooqrelations.db;

/** Swaps the database name in a PostgreSQL JDBC URL ({@code jdbc:postgresql://host:port/db?params}). */
final class JdbcUrls {

    private JdbcUrls() {
    }

    static String withDatabase(String url, String database) {
        String prefix = "jdbc:postgresql://";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException("Expected a URL of the form jdbc:postgresql://host:port/database, got " + url);
        }
        int hostEnd = url.indexOf('/', prefix.length());
        int query = url.indexOf('?', prefix.length());
        String hosts = hostEnd < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, hostEnd);
        String params = query < 0 ? "" : url.substring(query);
        return hosts + "/" + database + params;
    }
}
