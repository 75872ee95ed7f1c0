import Testing
import LoRATraining

@Suite("LossSum")
struct LossSumTests {
    @Test("sums combine exactly and the mean divides once")
    func combine() {
        var total = LossSum(total: 3, targetCount: 2)
        total += LossSum(total: 1.5, targetCount: 1)
        #expect(total == LossSum(total: 4.5, targetCount: 3))
        #expect(total.mean == 1.5)
        #expect(LossSum().mean == nil)
    }
}
