package dev.watchdog.memory.slack;

import com.slack.api.model.block.LayoutBlock;
import dev.watchdog.agent.AnalysisResult;
import dev.watchdog.agent.slack.DiagnosisHook;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.db.StoreException;
import dev.watchdog.memory.Diagnosis;
import dev.watchdog.memory.EvidenceTokens;
import dev.watchdog.memory.MemoryStore;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every structured diagnosis (rule, model, likely cause, evidence tokens) before it is
 * shown, and puts the 👍 / 👎 buttons under it. When the store cannot keep it, the diagnosis is
 * shown all the same, without buttons: a vote that could not be stored must not be offered.
 */
public final class DiagnosisRecorder implements DiagnosisHook {

    private static final Logger log = LoggerFactory.getLogger(DiagnosisRecorder.class);

    private final MemoryStore memory;
    private final String model;
    private final Clock clock;

    /** @param model what produced the diagnoses: {@code provider/model}, or {@code none} */
    public DiagnosisRecorder(MemoryStore memory, String model, Clock clock) {
        this.memory = memory;
        this.model = model;
        this.clock = clock;
    }

    @Override
    public SlackMessage diagnosed(StoredAlert alert, AnalysisResult result, PostedMessage posted, SlackMessage message) {
        if (result.analysis() == null) {
            return message; // a failure or an unstructured answer is not a diagnosis to rate
        }
        List<String> texts = new ArrayList<>();
        result.analysis().evidence().forEach(item -> {
            texts.add(item.finding());
            texts.add(item.source());
        });
        texts.add(result.analysis().likelyCause());
        Diagnosis diagnosis;
        try {
            diagnosis = memory.recordDiagnosis(new Diagnosis(0, alert.id(), alert.alert().ruleName(), model,
                    result.analysis().likelyCause(), EvidenceTokens.of(texts), posted, clock.instant()));
        } catch (StoreException failure) {
            log.warn("could not keep the diagnosis of alert #{}: {}", alert.id(), failure.getMessage(), failure);
            return message;
        }
        List<LayoutBlock> blocks = new ArrayList<>(message.blocks());
        blocks.addAll(FeedbackButtons.blocks(diagnosis.id()));
        return new SlackMessage(message.text(), blocks, message.attachments());
    }
}
