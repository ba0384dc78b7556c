package dev.watchdog.agent;

import dev.watchdog.db.StoreException;
import dev.watchdog.security.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the team's memory into an evidence summary: the best past match ("Seen 3 times in 30
 * days; last on …") as the first item, found with the summary's own evidence. A store that cannot
 * be read leaves the summary as it was: memory is a help, never a reason to post nothing.
 */
final class PastIncidentEvidence {

    private static final Logger log = LoggerFactory.getLogger(PastIncidentEvidence.class);
    static final String SOURCE = "past incidents";

    private final PastIncidents incidents;
    private final Redactor redactor;

    PastIncidentEvidence(PastIncidents incidents, Redactor redactor) {
        this.incidents = incidents;
        this.redactor = redactor;
    }

    AnalysisResult addedTo(AnalysisResult result, AlertContext alert) {
        if (result.analysis() == null) {
            return result;
        }
        Analysis analysis = result.analysis();
        List<String> texts = new ArrayList<>();
        analysis.evidence().forEach(item -> {
            texts.add(item.finding());
            texts.add(item.source());
        });
        Optional<String> line;
        try {
            line = incidents.bestMatchesLine(alert, texts);
        } catch (StoreException failure) {
            log.warn("could not read past incidents for alert #{}: {}", alert.id(), failure.getMessage(), failure);
            return result;
        }
        if (line.isEmpty()) {
            return result;
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(Evidence.OTHER, SOURCE, redactor.redact(line.get()), null));
        evidence.addAll(analysis.evidence());
        return new AnalysisResult(new Analysis(analysis.whatIsHappening(), analysis.likelyCause(), evidence,
                analysis.nextSteps(), analysis.severity(), analysis.confidence(), analysis.humanNeededNow()),
                result.rawText(), result.failure(), result.usage(), result.toolCalls(), result.limitsHit());
    }
}
