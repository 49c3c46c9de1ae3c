// epubcheck over many EPUBs in one JVM (run as a single-file source program:
// java -cp /usr/share/java/epubcheck.jar EpubCheckMany.java FILE...).
// Prints epubcheck's messages for each file and, per file with errors or
// warnings, a line "ERRORS: FILE"; exits 1 when any file has an error, a
// fatal error or a warning (galley's bar: 0 errors, 0 warnings).
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckMany {
  public static void main(String[] args) {
    int bad = 0;
    for (String name : args) {
      DefaultReportImpl report = new DefaultReportImpl(name);
      new EpubCheck(new File(name), report).doValidate();
      if (report.getErrorCount() + report.getFatalErrorCount() + report.getWarningCount() > 0) {
        System.out.println("ERRORS: " + name);
        ++bad;
      }
    }
    System.out.println("epubcheck: " + args.length + " files, " + bad + " with errors or warnings");
    System.exit(bad == 0 ? 0 : 1);
  }
}
