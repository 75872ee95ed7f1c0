import Dispatch
import Foundation
import OpenLoRA
import Synchronization
import Testing

/// The scheduler's loop on a thread of its own, with requests submitted from many threads.
@Suite struct BatchSchedulerThreadTests {
    /// Runs `scheduler.run()` on a new thread; the semaphore is signalled when it returns.
    static func startLoop(_ scheduler: BatchScheduler) -> DispatchSemaphore {
        let returned = DispatchSemaphore(value: 0)
        Thread {
            scheduler.run()
            returned.signal()
        }.start()
        return returned
    }

    @Test("concurrent submissions are all served, each as generate serves it alone")
    func concurrentSubmissions() throws {
        let model = try LoRAFixtures.model("base-q4_1.gguf")
        let requests = try BatchSchedulerTests.requests(model)
        let scheduler = BatchScheduler(model: model, limits: SchedulerLimits(batchCapacity: 4))
        let returned = Self.startLoop(scheduler)
        let outcomes = SchedulerOutcomes()
        let finished = DispatchSemaphore(value: 0)
        let copies = 3
        DispatchQueue.concurrentPerform(iterations: requests.count * copies) { key in
            let request = requests[key % requests.count]
            do {
                try scheduler.submit(request, onToken: outcomes.onToken(key),
                                     onFinish: outcomes.onFinish(key) { finished.signal() })
            } catch {
                Issue.record("submission \(key) refused: \(error)")
                finished.signal()
            }
        }
        for _ in 0..<(requests.count * copies) {
            #expect(finished.wait(timeout: .now() + 60) == .success)
        }
        scheduler.stop()
        #expect(returned.wait(timeout: .now() + 60) == .success)
        for key in 0..<(requests.count * copies) {
            let expected = try BatchSchedulerTests.alone(model, requests[key % requests.count])
            #expect(outcomes.generation(key) == expected, "request \(key)")
        }
        let statistics = scheduler.statistics
        #expect(statistics.finishedCount == requests.count * copies)
        #expect(statistics.largestBatch <= 4)
        #expect(throws: SchedulerRefusal.stopped) { try scheduler.submit(requests[0]) { _ in } }
    }

    @Test("stop() ends waiting and running requests as cancelled, each reported once")
    func stopCancels() throws {
        let model = try LoRAFixtures.model("base-f32.gguf")
        let scheduler = BatchScheduler(model: model, limits: SchedulerLimits(batchCapacity: 1))
        let outcomes = SchedulerOutcomes()
        let started = DispatchSemaphore(value: 0)
        let options = GenerationOptions(maximumTokenCount: 40, stopTokenIDs: [])
        let gate = Mutex(false)
        try scheduler.submit(GenerationRequest(prompt: [1], options: options), onToken: { _ in
            if !gate.withLock({ $0 }) {
                gate.withLock { $0 = true }
                started.signal()
            }
            return true
        }, onFinish: outcomes.onFinish(0))
        try scheduler.submit(GenerationRequest(prompt: [2], options: options), onFinish: outcomes.onFinish(1))
        let returned = Self.startLoop(scheduler)
        #expect(started.wait(timeout: .now() + 60) == .success)
        scheduler.stop()
        #expect(returned.wait(timeout: .now() + 60) == .success)
        #expect(outcomes.finishCount(0) == 1)
        #expect(outcomes.finishCount(1) == 1)
        #expect(outcomes.generation(1) == GenerationResult(tokens: [], stopReason: .cancelled))
        let first = try #require(outcomes.generation(0))
        #expect(first.stopReason == .cancelled || first.tokens.count == 40)
    }
}
