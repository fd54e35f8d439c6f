package io.fxrates.updater.ecb;

import io.fxrates.updater.provider.FeedException;
import io.fxrates.updater.provider.PublishedRate;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static io.fxrates.testing.Fixtures.bytes;
import static io.fxrates.testing.Fixtures.historyZip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EcbParsersTest {
    private static final LocalDate MAY_9 = LocalDate.of(2025, 5, 9);

    @Test
    void dailyXmlKeepsThePublishedScale() {
        List<PublishedRate> rates = new EcbXmlParser().parse(bytes("ecb/eurofxref-daily.xml"));
        assertEquals(9, rates.size());
        PublishedRate chf = rates.stream().filter(r -> r.currency().equals("CHF")).findFirst().orElseThrow();
        assertEquals(new PublishedRate(MAY_9, "CHF", new BigDecimal("0.9350")), chf);
        assertEquals(4, chf.rate().scale());
    }

    @Test
    void theXmlIsReadByNamespaceNotByPrefix() {
        // Other prefixes, same namespaces: read. A Cube outside the eurofxref namespace: ignored.
        List<PublishedRate> rates = new EcbXmlParser().parse(bytes("ecb/other-prefixes.xml"));
        assertEquals(List.of(new PublishedRate(MAY_9, "USD", new BigDecimal("1.1252"))), rates);
    }

    @Test
    void aDocumentInAnotherVocabularyIsRejected() {
        byte[] xml = "<Envelope><Cube><Cube time='2025-05-09'><Cube currency='USD' rate='1'/></Cube></Cube></Envelope>"
                .getBytes(StandardCharsets.UTF_8);
        FeedException e = assertThrows(FeedException.class, () -> new EcbXmlParser().parse(xml));
        assertTrue(e.getMessage().contains("expected gesmes:Envelope"), e.getMessage());
    }

    @Test
    void aDoctypeIsRefused() {
        byte[] xml = """
                <?xml version="1.0"?>
                <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <x>&e;</x>""".getBytes(StandardCharsets.UTF_8);
        FeedException e = assertThrows(FeedException.class, () -> new EcbXmlParser().parse(xml));
        assertTrue(e.getMessage().contains("malformed XML"), e.getMessage());
    }

    @Test
    void ninetyDaysReadsEveryDay() {
        List<PublishedRate> rates = new EcbXmlParser().parse(bytes("ecb/eurofxref-hist-90d.xml"));
        assertEquals(9, rates.size());
        assertEquals(3, rates.stream().map(PublishedRate::date).distinct().count());
    }

    @Test
    void theCsvSkipsNaAndTheTrailingColumnAndHandlesGaps() {
        List<PublishedRate> rates = new EcbCsvParser().parse(new ByteArrayInputStream(bytes("ecb/eurofxref-hist.csv")));
        // 8 days x 11 currencies = 88 cells, of which 11 are N/A.
        assertEquals(88 - 11, rates.size());
        assertTrue(rates.contains(new PublishedRate(LocalDate.of(1999, 1, 4), "CYP", new BigDecimal("0.58231"))));
        assertTrue(rates.contains(new PublishedRate(LocalDate.of(2018, 2, 1), "ISK", new BigDecimal("126.0"))));
        assertTrue(rates.stream().noneMatch(r -> r.date().equals(LocalDate.of(2010, 6, 1)) && r.currency().equals("ISK")));
        assertTrue(rates.stream().noneMatch(r -> r.currency().isBlank()));
    }

    @Test
    void csvFaultsAreNamed() {
        assertCsvFails("Date,USD,\n2025-05-09,1.1,2.2,\n", "line 2 of the CSV has 3 rate cells, the header names 1 currencies");
        assertCsvFails("Date,USD,\n2025-05-09,,\n", "empty cell for USD");
        assertCsvFails("Day,USD,\n", "expected 'Date'");
        assertCsvFails("Date,USD,\n09/05/2025,1.1,\n", "not a date");
        assertCsvFails("", "the CSV is empty");
    }

    @Test
    void theZipMustHoldTheCsv() {
        List<PublishedRate> rates = new EcbHistoryZip().parse(historyZip(bytes("ecb/eurofxref-hist.csv")));
        assertEquals(77, rates.size());
        FeedException e = assertThrows(FeedException.class, () -> new EcbHistoryZip().parse("not a zip".getBytes()));
        assertTrue(e.getMessage().contains("not a zip archive"), e.getMessage());
    }

    private static void assertCsvFails(String csv, String why) {
        FeedException e = assertThrows(FeedException.class,
                () -> new EcbCsvParser().parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
