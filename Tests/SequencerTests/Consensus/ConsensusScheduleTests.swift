import Ledger
import Testing
import TestSupport
import Wire
@testable import Sequencer

/// Epoch arithmetic: which epoch holds a height, when the next one is computed, how many
/// are kept, the carry-over of empty sets, and the ends of the 64-bit height range.
@Suite("ConsensusSchedule")
struct ConsensusScheduleTests {
    static let four = ConsensusFixtures.validators(stakes: [1, 1, 1, 1])
    static let fourSequencers = ConsensusFixtures.sequencers(stakes: [1, 1, 1, 1])

    @Test("genesis: epochs 0 and 1 cover heights 1…E and E+1…2E; the next epoch is computed at height E")
    func genesisBoundaries() {
        let schedule = ConsensusSchedule.genesis(heightCount: 3, validators: Self.four, sequencers: Self.fourSequencers)
        #expect(schedule.epochs.map(\.number) == [0, 1])
        #expect(schedule.epoch(forHeight: 0) == nil)
        #expect([1, 2, 3].allSatisfy { schedule.epoch(forHeight: $0)?.number == 0 })
        #expect([4, 5, 6].allSatisfy { schedule.epoch(forHeight: $0)?.number == 1 })
        #expect(schedule.epoch(forHeight: 7) == nil)
        #expect(schedule.validators(forHeight: 7) == nil && schedule.leader(height: 7, slot: 1) == nil)
        #expect(schedule.boundaryHeight == 3)
        #expect(schedule.latest.lastHeight == 6 && schedule.latest.nextFirstHeight == 7)
    }

    @Test("epoch e of a constant length E covers e·E+1…(e+1)·E; each is computed at the last height before the latest")
    func constantLength() {
        var schedule = ConsensusSchedule.genesis(heightCount: 5, validators: Self.four, sequencers: Self.fourSequencers)
        for number in UInt64(2)...20 {
            #expect(schedule.boundaryHeight == (number - 1) * 5, "epoch \(number) is computed after height (e−1)·E")
            let next = schedule.successor(heightCount: 5, validators: Self.four, sequencers: Self.fourSequencers)!
            #expect(next.number == number && next.firstHeight == number * 5 + 1 && next.lastHeight == (number + 1) * 5)
            schedule.append(next)
            #expect(schedule.epochs.count == min(Int(number) + 1, ConsensusSchedule.epochCountMax))
        }
        #expect(schedule.epochs.first?.number == 21 - UInt64(ConsensusSchedule.epochCountMax))
        #expect(schedule.epoch(forHeight: 10) == nil, "forgotten epochs hold no heights")
        #expect(schedule.epoch(forHeight: 100)?.number == 19 && schedule.epoch(forHeight: 101)?.number == 20)
    }

    @Test("a new length takes effect with the epoch computed from the state that holds it")
    func lengthChange() {
        var schedule = ConsensusSchedule.genesis(heightCount: 4, validators: Self.four, sequencers: Self.fourSequencers)
        schedule.append(schedule.successor(heightCount: 10, validators: Self.four, sequencers: Self.fourSequencers)!)
        #expect(schedule.latest.firstHeight == 9 && schedule.latest.lastHeight == 18)
        #expect(schedule.boundaryHeight == 8)
        schedule.append(schedule.successor(heightCount: 2, validators: Self.four, sequencers: Self.fourSequencers)!)
        #expect(schedule.latest.firstHeight == 19 && schedule.latest.lastHeight == 20 && schedule.boundaryHeight == 18)
    }

    @Test("empty sets keep the latest epoch's; new sets change validators and leaders")
    func setsChange() {
        let schedule = ConsensusSchedule.genesis(heightCount: 2, validators: Self.four, sequencers: Self.fourSequencers)
        let kept = schedule.successor(heightCount: 2, validators: ValidatorSet(members: []), sequencers: [])!
        #expect(kept.validators == Self.four && kept.sequencers == schedule.latest.sequencers)
        let moved = ConsensusFixtures.validators(stakes: [3, 1, 1, 0].map { $0 == 0 ? 1 : $0 })
        let lone = [LeaderSchedule.Member(address: ConsensusFixtures.addresses[2], power: 7)]
        let next = schedule.successor(heightCount: 2, validators: moved, sequencers: lone)!
        #expect(next.validators.stake(of: ConsensusFixtures.addresses[0]) == 3)
        #expect((0..<64).allSatisfy { next.leader(slot: $0) == ConsensusFixtures.addresses[2] })
        #expect(next.leader(slot: 5) == next.leader(slot: 5 + UInt64(ConsensusEpoch.leaderCycleCount)))
    }

    @Test("the top of the height range: the last epoch ends at UInt64.max and has no successor")
    func overflow() {
        let last = ConsensusEpoch(number: 0, firstHeight: 1, heightCount: UInt64.max, validators: Self.four,
                                  sequencers: Self.fourSequencers)
        #expect(last.lastHeight == UInt64.max && last.nextFirstHeight == nil)
        #expect(last.contains(height: UInt64.max) && !last.contains(height: 0))
        let schedule = ConsensusSchedule(epochs: [last])
        #expect(schedule.boundaryHeight == nil)
        #expect(schedule.successor(heightCount: 4, validators: Self.four, sequencers: Self.fourSequencers) == nil)
        let near = ConsensusEpoch(number: 1, firstHeight: UInt64.max - 9, heightCount: 5, validators: Self.four,
                                  sequencers: Self.fourSequencers)
        let clipped = near.successor(heightCount: 100, validators: Self.four, sequencers: Self.fourSequencers)!
        #expect(clipped.firstHeight == UInt64.max - 4 && clipped.lastHeight == UInt64.max, "a length past the range is cut")
        #expect(ConsensusSchedule(epochs: [near, clipped]).epoch(forHeight: UInt64.max)?.number == 2)
    }

    @Test("hand-written record: number, heights, a validator with its stake, a sequencer with its power")
    func recordBytes() throws {
        let address = ConsensusFixtures.addresses[0]
        let epoch = ConsensusEpoch(number: 2, firstHeight: 7, heightCount: 3,
                                   validators: ValidatorSet(members: [(address, 5)]),
                                   sequencers: [LeaderSchedule.Member(address: address, power: 5)])
        let hexAddress = address.bytes.map { String(format: "%02x", $0) }.joined()
        let expected = hex("080210071803" + "2219" + "0a14" + hexAddress + "120105" + "2a18" + "0a14" + hexAddress + "1005")
        #expect(epoch.encoded == expected)
        #expect(try ConsensusEpoch.decode(expected) == epoch)
        #expect(throws: WireError.self) { try ConsensusEpoch.decode(hex("080210071803")) }
        #expect(throws: WireError.self) { try ConsensusEpoch.decode(hex("080710071803") + Array(expected.dropFirst(6))) }
    }

    @Test("random and mutated records never trap, and what decodes re-encodes to the same bytes (seeded)")
    func mutations() {
        var generator = SeededGenerator.make(for: "ConsensusScheduleTests.mutations")
        let valid = ConsensusEpoch(number: 3, firstHeight: 9, heightCount: 4, validators: ConsensusFixtures.validators(stakes: [5, 1, 9]),
                                   sequencers: ConsensusFixtures.sequencers(stakes: [2, 3])).encoded
        for round in 0..<600 {
            let input = round % 4 == 0 ? generator.bytes(maximumCount: 256) : generator.mutate(valid)
            if let epoch = try? ConsensusEpoch.decode(input) {
                #expect(epoch.encoded == input)
            }
        }
    }
}
