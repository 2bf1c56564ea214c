package dev.gatehouse.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkTransportTest {

    @Test
    void parseWhenAnOptionNameInAnyCaseThenThatTransport() {
        assertThat(NetworkTransport.parse("auto")).isEqualTo(NetworkTransport.AUTO);
        assertThat(NetworkTransport.parse("IO_URING")).isEqualTo(NetworkTransport.IO_URING);
        assertThat(NetworkTransport.parse(" epoll ")).isEqualTo(NetworkTransport.EPOLL);
        assertThat(NetworkTransport.parse("nio")).isEqualTo(NetworkTransport.NIO);
        assertThat(GatehouseConfig.defaults().transport()).isEqualTo(NetworkTransport.AUTO);
    }

    @Test
    void parseWhenUnknownThenTheErrorNamesTheOptionAndTheChoices() {
        assertThatThrownBy(() -> NetworkTransport.parse("uring"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--transport: 'uring' is not one of auto, io_uring, epoll, nio");
    }
}
