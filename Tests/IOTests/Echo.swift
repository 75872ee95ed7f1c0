// A test peer that sends back every byte it reads, honouring write back-pressure.
import IO

/// Echoes a connection's bytes back to it. Loop thread only.
final class Echo {
    private let connection: TCPConnection
    private var heldBack: [UInt8] = []

    /// Starts echoing on `connection`; the connection keeps the echo alive until it closes.
    init(_ connection: TCPConnection) {
        self.connection = connection
        connection.onRead = { [self] bytes in send(bytes) }
        connection.onWritable = { [self] in
            let bytes = heldBack
            heldBack = []
            connection.resumeReading()
            send(bytes)
        }
        connection.onClose = { _ in }
    }

    private func send(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, !connection.write(bytes) else { return }
        heldBack = bytes
        connection.pauseReading()
    }
}
