/// What only the stepping thread touches, under the scheduler's loop lock: the requests in
/// the batch and the batch's scratch buffers.
struct SchedulerLoop {
    var active: [ActiveRequest] = []
    let workspace: LlamaBatchWorkspace
}
