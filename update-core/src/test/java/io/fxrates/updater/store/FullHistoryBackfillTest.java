package io.fxrates.updater.store;

import io.fxrates.updater.UpdateMode;
import io.fxrates.updater.UpdateReport;
import io.fxrates.testing.EcbHistory;
import io.fxrates.testing.FixtureServer.Reply;
import io.fxrates.updater.support.UpdaterTestBase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static io.fxrates.testing.Fixtures.historyZip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ECB's real history (../shared/data/ecb/eurofxref-hist.csv beside the repository, never
 * copied into it), served as eurofxref-hist.zip: backfilled whole, compared with every cell of the
 * file, then followed by a daily feed built from its newest day, which must change nothing.
 * Skipped, with a visible message, when the file is absent (failed under CI: see EcbHistory).
 */
class FullHistoryBackfillTest extends UpdaterTestBase {
    @Test
    void backfillsTheEcbsWholeHistoryCellForCell() throws IOException {
        Path file = EcbHistory.require("FullHistoryBackfillTest");
        byte[] csv = Files.readAllBytes(file);
        server.on("eurofxref-hist.zip", Reply.zip(historyZip(csv)));

        UpdateReport history = run(UpdateMode.HISTORY);
        assertTrue(history.succeeded(), history.toJson());

        Map<String, String> expected = new TreeMap<>();
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\r?\n");
        String[] header = lines[0].split(",", -1);
        String[] newest = lines[1].split(",", -1);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] row = lines[i].split(",", -1);
            for (int col = 1; col < header.length; col++) {
                if (!header[col].isBlank() && !"N/A".equals(row[col])) {
                    expected.put(row[0] + "|" + header[col], row[col]);
                }
            }
        }
        assertEquals(expected.size(), history.inserted());
        Map<String, String> stored = new TreeMap<>();
        for (String r : db.rows("SELECT rate_date || '|' || currency || '|' || rate::text FROM rate WHERE provider = 'ECB'")) {
            int last = r.lastIndexOf('|');
            stored.put(r.substring(0, last), r.substring(last + 1));
        }
        assertEquals(expected, stored, "the database must equal the file, cell for cell (text included)");
        assertEquals(newest[0], history.newestRateDate().toString());

        // The newest day again, as the ECB's daily XML: nothing to insert or correct.
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
                <gesmes:subject>Reference rates</gesmes:subject>
                <Cube><Cube time='%s'>
                """.formatted(newest[0]));
        int newestCells = 0;
        for (int col = 1; col < header.length; col++) {
            if (!header[col].isBlank() && !"N/A".equals(newest[col])) {
                xml.append("<Cube currency='").append(header[col]).append("' rate='").append(newest[col]).append("'/>\n");
                newestCells++;
            }
        }
        xml.append("</Cube></Cube></gesmes:Envelope>\n");
        server.on("eurofxref-daily.xml", Reply.xml(xml.toString().getBytes(StandardCharsets.UTF_8)));
        UpdateReport daily = run(UpdateMode.DAILY);
        assertTrue(daily.succeeded(), daily.toJson());
        assertEquals(newestCells, daily.unchanged());
        assertEquals(0, daily.inserted() + daily.updated());
        assertEquals(expected.size(), db.count("SELECT count(*) FROM rate"));

        System.out.printf("FullHistoryBackfillTest: backfilled %d rates (%d days, %d currencies) from %s in %d ms "
                        + "(fetch from a local server, unzip, parse, validate, write); the daily run after it took %d ms%n",
                history.inserted(), lines.length - 1, header.length - 2, file, history.duration().toMillis(),
                daily.duration().toMillis());
    }
}
