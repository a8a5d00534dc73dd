package dev.rescue.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SolrAddressTest {
  @Test
  void aZooKeeperEnsembleWithAChrootAndACollection() {
    SolrAddress a = SolrAddress.parse("solr://zk1:2181,zk2/solr/rescue-kb");
    assertThat(a.viaZooKeeper()).isTrue();
    assertThat(a.zkHosts()).containsExactly("zk1:2181", "zk2:2181");
    assertThat(a.chroot()).contains("/solr");
    assertThat(a.collection()).isEqualTo("rescue-kb");
  }

  @Test
  void aZooKeeperHostWithoutChroot() {
    SolrAddress a = SolrAddress.parse("solr://127.0.0.1:9983/kb");
    assertThat(a.chroot()).isEmpty();
    assertThat(a.collection()).isEqualTo("kb");
  }

  @Test
  void solrNodesOverHttp() {
    SolrAddress a = SolrAddress.parse("http://solr1:8983/solr,solr2:8983/solr/rescue-kb");
    assertThat(a.viaZooKeeper()).isFalse();
    assertThat(a.nodeUrls()).containsExactly("http://solr1:8983/solr", "http://solr2:8983/solr");
    assertThat(a.collection()).isEqualTo("rescue-kb");
    assertThat(a.chroot()).isEqualTo(Optional.empty());
  }

  @Test
  void aFolderIsNotAnAddress() {
    assertThat(SolrAddress.isAddress("kb/")).isFalse();
    assertThat(SolrAddress.isAddress("bundled")).isFalse();
    assertThat(SolrAddress.isAddress("solr://zk:2181/kb")).isTrue();
  }

  @Test
  void badAddressesAreRefusedSayingWhatIsWrong() {
    assertThatThrownBy(() -> SolrAddress.parse("solr://zk:2181")).hasMessageContaining("solr://zk:2181")
        .hasMessageContaining("collection");
    assertThatThrownBy(() -> SolrAddress.parse("solr://zk:2181/bad name")).hasMessageContaining("'bad name'");
    assertThatThrownBy(() -> SolrAddress.parse("http://solr1:8983")).hasMessageContaining("Solr base URL");
    assertThatThrownBy(() -> SolrAddress.parse("http://solr1:8983/kb")).hasMessageContaining("Solr base URL");
  }

  @Test
  void theApiFieldCarriesTheAnalysersTokensWithTheirPositions() {
    // yaml.safe_load: the original at a new position, its parts stacked on it (increment 0); the KB's
    // JSON writer sorts keys, which the pre-analysed parser does not mind
    assertThat(SolrIndexStore.preAnalyzed("yaml.safe_load\nexec")).contains(
        "{\"tokens\":[{\"i\":1,\"t\":\"yaml.safe_load\"},{\"i\":0,\"t\":\"yaml\"},{\"i\":0,\"t\":\"safe_load\"},"
            + "{\"i\":0,\"t\":\"safe\"},{\"i\":0,\"t\":\"load\"},{\"i\":1,\"t\":\"exec\"}],\"v\":\"1\"}");
    assertThat(SolrIndexStore.preAnalyzed(" () ")).isEmpty();
    assertThat(List.of(SolrSchema.configSetName(384))).containsExactly("rescue-s3-d384"); // schema 3: cause passages
    assertThatThrownBy(() -> SolrSchema.configSetZip(3072)).hasMessageContaining("1024").hasMessageContaining("3072");
  }
}
