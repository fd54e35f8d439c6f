package io.fxrates.server.database;

/**
 * Where the database is and who the server is there.
 *
 * @param url      JDBC URL, for example {@code jdbc:postgresql://host:5432/fxrates}
 * @param user     database user
 * @param password its password (empty on the local default's loopback)
 */
public record DatabaseLogin(String url, String user, String password) {

    @Override
    public String toString() {
        return "DatabaseLogin[url=" + url + ", user=" + user + "]";
    }
}
