package io.fxrates.updater.lambda;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;

/**
 * The database secret's JSON, as RDS and Secrets Manager rotation write it:
 * {@code {"username": "...", "password": "...", "host": "...", "port": 5432, "dbname": "..."}}.
 * Only username and password are required (the URL can come from FXRATES_DB_URL instead).
 */
record DatabaseSecret(String username, String password, String host, Integer port, String dbname) {

    static DatabaseSecret parse(String json) {
        JsonObject o;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            o = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            // Never echo the secret's text: it would put the password in the log.
            throw new IllegalStateException("the database secret is not a JSON object");
        }
        String username = o.getString("username", null);
        String password = o.getString("password", null);
        if (username == null || password == null) {
            throw new IllegalStateException("the database secret lacks username or password");
        }
        Integer port = o.containsKey("port") ? Integer.valueOf(o.get("port").toString().replace("\"", "")) : null;
        return new DatabaseSecret(username, password, o.getString("host", null), port, o.getString("dbname", null));
    }

    /** jdbc:postgresql://host:port/dbname, when the secret names the host. */
    String jdbcUrl() {
        if (host == null) {
            return null;
        }
        return "jdbc:postgresql://" + host + ":" + (port == null ? 5432 : port) + "/" + (dbname == null ? "postgres" : dbname);
    }

    @Override
    public String toString() {
        return "DatabaseSecret[username=" + username + ", host=" + host + ", port=" + port + ", dbname=" + dbname + "]";
    }
}
